import { sleep } from "../common/sleep.js";
import type { OracleError } from "../report/errors.js";
import { toOracleError } from "./toOracleError.js";

export type WithRetryParameters = {
  /** What is being done, for error messages (e.g. "eth_getTransactionReceipt"). */
  context: string;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles on every retry. */
  delayMs: number;
  /** Called before each retry (metrics, logs). */
  onRetry?: (error: OracleError, attempt: number) => void;
};

/** Runs `fn`, retrying retryable failures with exponential backoff; throws an `OracleError`. */
export async function withRetry<T>(fn: () => Promise<T>, { context, retries, delayMs, onRetry }: WithRetryParameters): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const error = toOracleError(e, context);
      if (!error.retryable || attempt >= retries) throw error;
      onRetry?.(error, attempt + 1);
      await sleep(delayMs * 2 ** attempt);
    }
  }
}
