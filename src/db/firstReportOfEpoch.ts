import type pg from "pg";

export type FirstReportOfEpochParameters = { pool: pg.Pool; epoch: number };

/** The id of the epoch's first report (lowest id), or undefined while it has none. */
export async function firstReportOfEpoch({
  pool,
  epoch,
}: FirstReportOfEpochParameters): Promise<number | undefined> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM report WHERE epoch = $1 ORDER BY id LIMIT 1`,
    [epoch],
  );
  return rows[0]?.id;
}
