import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { resolveSrsPath } from "../proving/index.js";
import type { ApiContext } from "./apiContext.js";
import { ApiError } from "./apiError.js";
import { IMMUTABLE_CACHE_CONTROL } from "./markImmutable.js";

/** Paths of the pages: each answers the same index.html, whose script renders the page by path. */
export const PAGE_ROUTES = ["/", "/reports/:id", "/operators/:id"] as const;

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

type Asset = { bytes: Buffer; type: string };

/**
 * The web pages (src/web, built by Vite into WEB_DIST_DIR): the pages at PAGE_ROUTES with
 * `no-cache`, the content-hashed files under /assets with a year-long immutable
 * Cache-Control, and `/srs/kzg{k}.srs`, the public SRS the page verifies proofs with. The
 * configured RPC URL reaches the page in a meta tag. Files are read once, at start.
 */
export function servePages(app: FastifyInstance, { config }: ApiContext): void {
  const dir = path.resolve(config.WEB_DIST_DIR);
  const built = existsSync(path.join(dir, "index.html"));
  const page = built
    ? renderIndex(readFileSync(path.join(dir, "index.html"), "utf8"), config.WEB_RPC_URL)
    : undefined;
  const assets = new Map<string, Asset>();
  const assetDir = path.join(dir, "assets");
  if (built && existsSync(assetDir)) {
    for (const name of readdirSync(assetDir))
      assets.set(name, {
        bytes: readFileSync(path.join(assetDir, name)),
        type: TYPES[path.extname(name)] ?? "application/octet-stream",
      });
  }
  const hide = { schema: { hide: true } };

  for (const url of PAGE_ROUTES) {
    app.get(url, hide, async (_request, reply) => {
      if (page === undefined)
        throw new ApiError(
          "not-found",
          `The web pages are not built: run \`npm run web:build\` (looked in ${config.WEB_DIST_DIR})`,
        );
      reply.header("cache-control", "no-cache").type("text/html; charset=utf-8");
      return page;
    });
  }
  app.get<{ Params: { name: string } }>("/assets/:name", hide, async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) throw new ApiError("not-found", `No asset ${request.params.name}`);
    reply.header("cache-control", IMMUTABLE_CACHE_CONTROL).type(asset.type);
    return asset.bytes;
  });
  app.get<{ Params: { name: string } }>("/srs/:name", hide, async (request, reply) =>
    serveSrs(request.params.name, config, reply),
  );
}

/** The SRS is public (a ceremony file); a development SRS is only served outside production, marked insecure. */
async function serveSrs(
  name: string,
  config: ApiContext["config"],
  reply: FastifyReply,
): Promise<Buffer> {
  const k = Number(/^kzg(\d{1,2})\.srs$/.exec(name)?.[1]);
  if (!Number.isInteger(k) || k < 1 || k > 26)
    throw new ApiError("not-found", `No SRS ${name}; the SRS files are kzg{k}.srs`);
  let file = config.EZKL_SRS_PATH;
  if (file) {
    const header = await readFile(file)
      .then((b) => b.readUInt32LE(0))
      .catch(() => -1);
    if (header !== k) throw new ApiError("not-found", `This server's SRS is not kzg${k}.srs`);
  } else {
    if (config.NODE_ENV === "production")
      throw new ApiError("not-found", "No SRS is configured (EZKL_SRS_PATH)");
    file = await resolveSrsPath({ configured: "", k, nodeEnv: config.NODE_ENV });
    reply.header("x-srs-insecure", "development SRS: its secret is public");
  }
  reply.header("cache-control", "public, max-age=86400").type("application/octet-stream");
  return readFile(file);
}

function renderIndex(html: string, rpcUrl: string): string {
  if (rpcUrl && !/^https?:\/\//.test(rpcUrl)) throw new Error("WEB_RPC_URL must be an http(s) URL");
  const escaped = rpcUrl.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return html.replace("<!--oracle-config-->", `<meta name="oracle-rpc-url" content="${escaped}">`);
}
