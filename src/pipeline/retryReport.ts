import type pg from "pg";
import { PipelineError } from "./errors.js";

export type RetryReportParameters = { pool: pg.Pool; reportId: number };

export type RetryReportReturnType = {
  reportId: number;
  status: "pending" | "proven";
  previousCode: string | null;
};

/**
 * An operator's decision to try a failed report again: back to `proven` when its proof is
 * stored (only the post failed), else to `pending`, with the error cleared. The caller then
 * replaces the report's failed queue job.
 */
export async function retryReport({
  pool,
  reportId,
}: RetryReportParameters): Promise<RetryReportReturnType> {
  const { rows } = await pool.query<{ status: "pending" | "proven"; previous_code: string | null }>(
    `UPDATE report r SET status = CASE WHEN r.proof IS NULL THEN 'pending'::"ReportStatus" ELSE 'proven'::"ReportStatus" END, error = NULL, error_code = NULL
     FROM (SELECT id, error_code FROM report WHERE id = $1 FOR UPDATE) old
     WHERE r.id = old.id AND r.status = 'failed' RETURNING r.status, old.error_code AS previous_code`,
    [reportId],
  );
  if (rows[0]) return { reportId, status: rows[0].status, previousCode: rows[0].previous_code };
  const { rows: found } = await pool.query<{ status: string }>(
    `SELECT status FROM report WHERE id = $1`,
    [reportId],
  );
  if (!found[0])
    throw new PipelineError("PIPELINE_REPORT_NOT_FOUND", `Report ${reportId} does not exist`);
  throw new PipelineError(
    "PIPELINE_REPORT_STATE",
    `Report ${reportId} is ${found[0].status}, not failed`,
  );
}
