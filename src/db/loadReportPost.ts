import type pg from "pg";

export type LoadReportPostParameters = { pool: pg.Pool; reportId: number };

/** Null fields until the report is posted; gasUsed is a decimal string (a PostgreSQL bigint). */
export type LoadReportPostReturnType =
  | { txHash: string | null; onchainReportId: number | null; gasUsed: string | null }
  | undefined;

/** The on-chain side of a report, as the poster recorded it, or undefined when it does not exist. */
export async function loadReportPost({
  pool,
  reportId,
}: LoadReportPostParameters): Promise<LoadReportPostReturnType> {
  const { rows } = await pool.query<NonNullable<LoadReportPostReturnType>>(
    `SELECT tx_hash AS "txHash", onchain_report_id AS "onchainReportId", gas_used AS "gasUsed" FROM report WHERE id = $1`,
    [reportId],
  );
  return rows[0];
}
