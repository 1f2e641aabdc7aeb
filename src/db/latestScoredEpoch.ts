import type pg from "pg";

/** The newest epoch with a complete scoring run (its score_run row), or null before the first. */
export async function latestScoredEpoch(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ max: number | null }>({
    name: "latest_scored_epoch",
    text: "SELECT max(epoch) AS max FROM score_run",
  });
  return rows[0]?.max ?? null;
}
