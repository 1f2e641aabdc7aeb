import type pg from "pg";

export type IsEpochScoredParameters = { pool: pg.Pool; epoch: number };

/** Whether the epoch has a complete scoring run (its score_run row): reports are made only from one. */
export async function isEpochScored({ pool, epoch }: IsEpochScoredParameters): Promise<boolean> {
  const { rowCount } = await pool.query(`SELECT 1 FROM score_run WHERE epoch = $1`, [epoch]);
  return (rowCount ?? 0) > 0;
}
