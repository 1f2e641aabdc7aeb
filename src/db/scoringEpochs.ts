import type pg from "pg";

export type ScoringEpochsParameters = {
  pool: pg.Pool;
  scoreEvery: number;
  reportEvery: number;
  /** Only this epoch: whether the epoch just ingested is to be scored. */
  epoch?: number;
  /** Leave out epochs with a stored scoring run (what the stages still owe). */
  unscored?: boolean;
  limit?: number;
};

/**
 * The scoring rule, in one place: an ingested epoch is scored when it is a multiple of
 * SCORE_EVERY_EPOCHS, a report epoch (a multiple of REPORT_EVERY_EPOCHS, whose reports need its
 * scores), or one that slashed a validator (a slashing must not wait for the next scoring epoch).
 */
export async function scoringEpochs({
  pool,
  scoreEvery,
  reportEvery,
  epoch,
  unscored = false,
  limit = 1000,
}: ScoringEpochsParameters): Promise<number[]> {
  const { rows } = await pool.query<{ epoch: number }>(
    `SELECT e.epoch FROM epoch e
     WHERE (e.epoch % $1 = 0 OR e.epoch % $2 = 0 OR e.newly_slashed > 0)
       AND ($3::int IS NULL OR e.epoch = $3)
       AND (NOT $4 OR NOT EXISTS (SELECT 1 FROM score_run s WHERE s.epoch = e.epoch))
     ORDER BY e.epoch LIMIT $5`,
    [scoreEvery, reportEvery, epoch ?? null, unscored, limit],
  );
  return rows.map((r) => r.epoch);
}
