import { timingSafeEqual } from "node:crypto";
import { hmacBody } from "./hmacBody.js";

export type CheckHmacParameters = {
  key: string;
  body: Uint8Array;
  header: string | string[] | undefined;
};

/** Whether a request body carries the poster's HMAC under the shared key (compared in constant time). */
export function checkHmac({ key, body, header }: CheckHmacParameters): boolean {
  if (typeof header !== "string") return false;
  const expected = Buffer.from(hmacBody(key, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
