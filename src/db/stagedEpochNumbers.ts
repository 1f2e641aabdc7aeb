import type pg from "pg";

/** Epochs staged and not yet promoted or discarded, ascending. */
export async function stagedEpochNumbers(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ epoch: number }>(
    "SELECT epoch FROM staged_epoch ORDER BY epoch",
  );
  return rows.map((r) => r.epoch);
}
