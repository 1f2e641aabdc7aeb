import { ApiError } from "@lodestar/api";

export type OpenJsonStreamParameters = {
  baseUrl: string;
  path: string;
  /** When given, the request is a POST with this JSON body. */
  body?: unknown;
  timeoutMs: number;
  /** The client's stop: aborts the request and its body as the timeout does. */
  signal?: AbortSignal;
};

/**
 * Plain JSON request for the few endpoints whose answers are huge at mainnet scale (all
 * validators, all attestation rewards): the body is handed over as a byte stream for
 * scanJsonArrays, so neither the whole text nor a million parsed objects are ever held at once,
 * and no second conversion into SSZ value types is made. An error answer is thrown as Lodestar's
 * ApiError so the caller classifies it like any other Beacon API error. The timeout covers the
 * whole body, not only the headers.
 */
export async function openJsonStream({
  baseUrl,
  path,
  body,
  timeoutMs,
  signal,
}: OpenJsonStreamParameters): Promise<AsyncIterable<Uint8Array>> {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: signal
      ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal])
      : AbortSignal.timeout(timeoutMs),
  });
  // Lodestar's own error type, so the caller reads one kind of answer (parseBeaconApiError).
  if (!response.ok) throw new ApiError(bodyMessage(await response.text()), response.status, path);
  if (!response.body) throw new SyntaxError(`${path}: the answer has no body`);
  // Node's web streams are async iterable; the DOM lib's type (src/web's typecheck reaches this
  // file through the web tests' imports) does not say so.
  return response.body as unknown as AsyncIterable<Uint8Array>;
}

/** The Beacon API error body's `message`, or the start of a body that is not one. */
function bodyMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body?.message === "string") return body.message;
  } catch {
    // not JSON: a proxy's page, say
  }
  return text.slice(0, 200);
}
