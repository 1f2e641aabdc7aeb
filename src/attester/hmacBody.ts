import { createHmac } from "node:crypto";

/** The header a poster signs an attestation request with: `sha256=` + hex HMAC-SHA256 of the raw body. */
export const ATTESTER_HMAC_HEADER = "x-oracle-hmac";

/**
 * The HMAC a poster sends with an attestation request and an attester recomputes over the exact
 * bytes it received. Replaying a captured request gains nothing: the answer is the same decision
 * (served from the attester's cache), and the body cannot be changed without the key.
 */
export function hmacBody(key: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}
