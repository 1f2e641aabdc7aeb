import { BaseError } from "./errors.js";

/**
 * The project's error code of a job failure: from our own error, or from the one BullMQ's
 * UnrecoverableError wraps; never the code of a lower-level cause (a socket's ECONNREFUSED, a
 * viem error's name), so metrics and stored failures name what the project decided.
 */
export function errorCode(error: unknown): string {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BaseError) return e.code;
  }
  return "INTERNAL";
}
