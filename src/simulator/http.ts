import type { IncomingMessage, ServerResponse } from "node:http";

/** The Beacon API's error body: `{code, message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: status, message });
}

export async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid JSON body");
  }
}

/**
 * Writes a large JSON array as a stream of joined batches, waiting for the socket to drain, so
 * a million entries never become one string. `prefix` opens the document up to `[`.
 */
export async function streamJsonArray(
  res: ServerResponse,
  prefix: string,
  count: number,
  item: (k: number) => string,
  suffix = "]}",
  batch = 2000,
): Promise<void> {
  res.writeHead(200, { "Content-Type": "application/json" });
  let pending = prefix;
  for (let k = 0; k < count; k += batch) {
    const parts: string[] = [];
    const end = Math.min(count, k + batch);
    for (let j = k; j < end; j++) parts.push(item(j));
    pending += (k === 0 ? "" : ",") + parts.join(",");
    if (!res.write(pending)) await new Promise<void>((resolve) => res.once("drain", resolve));
    pending = "";
    if (res.destroyed) return;
  }
  res.end(pending + suffix);
}

/** True when the Accept header prefers SSZ over JSON (q-values honoured). */
export function prefersSsz(accept: string | undefined): boolean {
  if (!accept) return false;
  let ssz = -1;
  let json = -1;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (type === "application/octet-stream") ssz = Math.max(ssz, q);
    if (type === "application/json" || type === "*/*") json = Math.max(json, q);
  }
  return ssz > json;
}

/** Query values given repeated (`id=1&id=2`) or comma-separated (`id=1,2`). */
export function queryList(params: URLSearchParams, key: string): string[] | undefined {
  const all = params.getAll(key);
  if (all.length === 0) return undefined;
  return all
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function queryInt(params: URLSearchParams, key: string): number | undefined {
  const v = params.get(key);
  if (v === null || v === "") return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, `invalid ${key}: ${v}`);
  return Number(v);
}
