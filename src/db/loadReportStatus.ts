import type pg from "pg";

export type LoadReportStatusParameters = { pool: pg.Pool; reportId: number };

export type LoadReportStatusReturnType =
  | { status: "pending" | "proven" | "posted" | "failed"; error: string | null }
  | undefined;

/** Where a report stands (and the short error of a failed one), or undefined when it does not exist. */
export async function loadReportStatus({
  pool,
  reportId,
}: LoadReportStatusParameters): Promise<LoadReportStatusReturnType> {
  const { rows } = await pool.query<NonNullable<LoadReportStatusReturnType>>(
    `SELECT status, error FROM report WHERE id = $1`,
    [reportId],
  );
  return rows[0];
}
