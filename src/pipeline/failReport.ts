import type pg from "pg";
import { BaseError, errorCode, isRetryable } from "../common/index.js";

export type FailReportParameters = { pool: pg.Pool; reportId: number; error: unknown };

export type FailReportReturnType = { failed: boolean; code?: string };

/**
 * Ends a report whose proof or post failed for good: status `failed` with the project's error
 * code and short message (never a cause's message, which may carry an RPC URL). The reconciler
 * only re-enqueues `pending` and `proven` reports, so the report stays failed until an operator
 * runs `cli report retry`. A retryable error changes nothing: the queue retries it.
 */
export async function failReport({
  pool,
  reportId,
  error,
}: FailReportParameters): Promise<FailReportReturnType> {
  if (isRetryable(error)) return { failed: false };
  const code = errorCode(error);
  const message = error instanceof BaseError ? error.shortMessage : "internal error";
  const { rowCount } = await pool.query(
    `UPDATE report SET status = 'failed', error_code = $2, error = $3 WHERE id = $1 AND status IN ('pending', 'proven')`,
    [reportId, code, message.slice(0, 2000)],
  );
  return { failed: (rowCount ?? 0) > 0, code };
}
