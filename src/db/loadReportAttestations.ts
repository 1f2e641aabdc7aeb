import type pg from "pg";

export type LoadReportAttestationsParameters = { pool: pg.Pool; reportId: number };

/** One row per attester asked; `signed` is false when it refused. */
export type LoadReportAttestationsReturnType = { attester: string; signed: boolean }[];

/** The attesters' answers to a report, in attester order. */
export async function loadReportAttestations({
  pool,
  reportId,
}: LoadReportAttestationsParameters): Promise<LoadReportAttestationsReturnType> {
  const { rows } = await pool.query<LoadReportAttestationsReturnType[number]>(
    `SELECT attester, signature IS NOT NULL AS signed FROM report_attestation WHERE report_id = $1 ORDER BY attester`,
    [reportId],
  );
  return rows;
}
