/**
 * The pinned `@ezkljs/engine` (21.0.0) and the byte conversions it wants: Uint8ClampedArray for
 * every argument, JSON artifacts as UTF-8 bytes. One place, so callers never juggle array types.
 */
import * as ezkl from "@ezkljs/engine";

export { ezkl };

export function clamped(bytes: Uint8Array): Uint8ClampedArray {
  return new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function jsonBytes(value: unknown): Uint8ClampedArray {
  return new Uint8ClampedArray(
    new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value)),
  );
}

export function parseJsonBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
