import { BaseError } from "./errors.js";

export type ShutdownErrorMeta = { reason: string };

/**
 * The abort reason of a process's shutdown signal: what a sleep, a backoff or a request waiting on
 * that signal rejects with. Retryable: the work it cuts off (an ingest job between beacon retries,
 * a proof) can succeed in the next process, so the queue must keep the job for a retry instead of
 * failing it for good, and a report it interrupts stays pending rather than becoming `failed`.
 */
export class ShutdownError extends BaseError<ShutdownErrorMeta> {
  override name = "ShutdownError";
  declare readonly code: "SHUTDOWN";
  constructor(reason: string) {
    super("SHUTDOWN", `shutdown: ${reason}`, { retryable: true, meta: { reason } });
  }
}
