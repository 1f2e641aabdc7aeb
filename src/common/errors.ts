/**
 * Every error the project throws is a `BaseError`: a short message for logs and API answers,
 * optional details, the underlying `cause`, a stable `code`, and whether retrying may help.
 * Queue processors map `retryable: false` onto BullMQ's UnrecoverableError so a job that can
 * never succeed (bad input, corrupt file) fails at once instead of burning its retries.
 */
export type BaseErrorParameters<Meta extends object = Record<string, unknown>> = {
  details?: string;
  cause?: unknown;
  /** Whether the same operation may succeed if tried again (timeouts, 5xx, connection loss). */
  retryable?: boolean;
  /** Extra structured fields for logs, typed per code by each module; never put secrets here. */
  meta?: Meta;
};

export class BaseError<Meta extends object = Record<string, unknown>> extends Error {
  override name = "BaseError";
  readonly code: string;
  readonly shortMessage: string;
  readonly details?: string;
  readonly retryable: boolean;
  readonly meta?: Meta;

  constructor(code: string, shortMessage: string, params: BaseErrorParameters<Meta> = {}) {
    const lines = [shortMessage];
    if (params.details) lines.push(`Details: ${params.details}`);
    const causeMessage = params.cause instanceof Error ? params.cause.message : undefined;
    if (causeMessage && causeMessage !== params.details) lines.push(`Cause: ${causeMessage}`);
    super(lines.join("\n"), params.cause === undefined ? undefined : { cause: params.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = params.details;
    this.retryable = params.retryable ?? false;
    this.meta = params.meta;
  }

  /**
   * Follows the chain of causes from this error, like viem's `walk`: with `fn`, the first error
   * (this one included) it accepts, else null; without, the deepest cause. A chain that loops
   * back on itself ends where it would repeat.
   */
  walk(fn?: (error: unknown) => boolean): unknown {
    const seen = new Set<unknown>();
    let error: unknown = this;
    for (;;) {
      if (fn?.(error)) return error;
      seen.add(error);
      const cause = (error as { cause?: unknown } | null)?.cause;
      if (cause === undefined || cause === null || seen.has(cause)) return fn ? null : error;
      error = cause;
    }
  }
}

/** True when an error (ours or a known transient system error) is worth retrying. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof BaseError) return error.retryable;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && TRANSIENT_SYSTEM_CODES.has(code)) return true;
  // node-postgres reports a server that went away mid-query without a code.
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|Client has encountered a connection error|connection.*(closed|ended)|terminating connection/i.test(
    message,
  );
}

const TRANSIENT_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  // PostgreSQL: connection failure, admin shutdown, serialization failure, deadlock.
  "08000",
  "08003",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "40001",
  "40P01",
]);
