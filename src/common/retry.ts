import { isRetryable } from "./errors.js";
import { sleep } from "./sleep.js";

export type RetryParameters = {
  /** Retries after the first attempt (so at most `retries + 1` calls); default 5. */
  retries?: number;
  /** Delay before the first retry; it grows by `factor` per retry up to `maxDelayMs`; default 100. */
  delayMs?: number;
  /** Growth of the delay per retry; default 2 (exponential backoff). */
  factor?: number;
  /** Cap of one delay; default 30,000. */
  maxDelayMs?: number;
  /**
   * Share of each delay drawn at random, 0 to 1 (default 0.2: a delay of 1 s waits 0.8 to 1 s).
   * Without it, callers that failed together (a node restart) retry together, in lockstep.
   */
  jitter?: number;
  /** Whether this failure may succeed on another try; default `isRetryable` (coded errors say). */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each retry's wait (logs, metrics); `attempt` is the call that failed, from 1. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Stops between attempts: a wait aborts at once and the signal's reason is thrown. */
  signal?: AbortSignal;
  /** The source of randomness for the jitter, for tests; default Math.random. */
  random?: () => number;
};

/**
 * Calls `fn` until it succeeds, a failure is not worth retrying, the retries run out or the
 * signal aborts; throws the last failure as it was thrown (callers wrap it in their own coded
 * error). The one retry loop of the project, after Lodestar's `retry`.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T> | T,
  parameters: RetryParameters = {},
): Promise<T> {
  const {
    retries = 5,
    delayMs = 100,
    factor = 2,
    maxDelayMs = 30_000,
    jitter = 0.2,
    signal,
  } = parameters;
  const shouldRetry = parameters.shouldRetry ?? isRetryable;
  const random = parameters.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt > retries || !shouldRetry(error, attempt)) throw error;
      const full = Math.min(maxDelayMs, delayMs * factor ** (attempt - 1));
      const wait = Math.round(full * (1 - jitter * random()));
      parameters.onRetry?.(error, attempt, wait);
      await sleep(wait, signal);
    }
  }
}
