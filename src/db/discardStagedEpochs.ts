import type pg from "pg";

export type DiscardStagedEpochsParameters = {
  pool: pg.Pool;
  /** Discard these epochs (a reorg replaced them, or they were promoted). */
  epochs?: number[];
  /** Also discard epochs below this one and every epoch already stored as final. */
  olderThan?: number;
};

/** Deletes staged reads (their parts go with them); returns the epochs deleted. */
export async function discardStagedEpochs({
  pool,
  epochs = [],
  olderThan,
}: DiscardStagedEpochsParameters): Promise<number[]> {
  const { rows } = await pool.query<{ epoch: number }>(
    `DELETE FROM staged_epoch s
      WHERE s.epoch = ANY($1::int[])
         OR ($2::int IS NOT NULL AND (s.epoch < $2 OR EXISTS (SELECT 1 FROM epoch e WHERE e.epoch = s.epoch)))
      RETURNING s.epoch`,
    [epochs, olderThan ?? null],
  );
  return rows.map((r) => r.epoch).sort((a, b) => a - b);
}
