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
 * "123.0"), which SSZ integer types would reject. Failures carry `status` so the caller can
 * classify them like any other Beacon API error.
 */
export async function getJson<T>({ baseUrl, path, body, timeoutMs }: GetJsonParameters): Promise<T> {
  const url = new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    const error = new Error(`${path} failed with status ${response.status}: ${text.slice(0, 200)}`) as Error & { status: number };
    error.status = response.status;
    throw error;
  }
  return JSON.parse(text) as T;
}
