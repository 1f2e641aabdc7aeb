import { ApiError } from "@lodestar/api";

export type GetJsonParameters = {
  baseUrl: string;
  path: string;
  /** When given, the request is a POST with this JSON body. */
  body?: unknown;
  timeoutMs: number;
};

/**
 * Plain JSON fetch for the few endpoints whose answers are huge at mainnet scale (all
 * validators, all attestation rewards). Parsing them straight into plain objects avoids a second
 * conversion into SSZ value types, and keeps reward values as decimals (some clients send
 * "123.0"), which SSZ integer types would reject. An error answer is thrown as Lodestar's ApiError
 * so the caller classifies it like any other Beacon API error.
 */
export async function getJson<T>({
  baseUrl,
  path,
  body,
  timeoutMs,
}: GetJsonParameters): Promise<T> {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  // Lodestar's own error type, so the caller reads one kind of answer (parseBeaconApiError).
  if (!response.ok) throw new ApiError(bodyMessage(text), response.status, path);
  return JSON.parse(text) as T;
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
