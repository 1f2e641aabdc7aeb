import { UnrecoverableError } from "bullmq";
import { isRetryable } from "../common/errors.js";

/**
 * Errors that cannot succeed on retry (bad input, corrupt files) fail the job at once through
 * BullMQ's UnrecoverableError; the rest are rethrown so the queue retries with backoff.
 */
export function toBullError(error: unknown): Error {
  if (isRetryable(error)) return error as Error;
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new UnrecoverableError(message);
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}
