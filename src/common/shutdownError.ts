import { BaseError } from "./errors.js";

export type ShutdownErrorMeta = { reason: string };

/**
 * The abort reason of a process's shutdown signal: what a sleep, a backoff or a request waiting on
 * that signal rejects with. Not retryable, as the plain Error it replaces was not (isRetryable
 * said no): a job cut off by the shutdown fails as before, now under the code SHUTDOWN.
 */
export class ShutdownError extends BaseError<ShutdownErrorMeta> {
  override name = "ShutdownError";
  declare readonly code: "SHUTDOWN";
  constructor(reason: string) {
    super("SHUTDOWN", `shutdown: ${reason}`, { retryable: false, meta: { reason } });
  }
}
