import type pg from "pg";

export type ReconcilePipelineParameters = {
  pool: pg.Pool;
  scoreEvery: number;
  reportEvery: number;
};

export type ReconcilePipelineReturnType = {
  /** Ingested epochs due for scoring without a stored run. */
  toScore: number[];
  toProve: number[];
  toPost: number[];
};

/**
 * What the stages still owe, read from PostgreSQL alone: the database is the source of truth, so
 * jobs that Redis lost (restart, eviction) or that failed for good before a fix are found again.
 * (Reports owed by scored epochs are created by `createDueReports`.)
 */
export async function reconcilePipeline({ pool, scoreEvery, reportEvery }: ReconcilePipelineParameters): Promise<ReconcilePipelineReturnType> {
  const [score, prove, post] = await Promise.all([
    pool.query<{ epoch: number }>(
      `SELECT e.epoch FROM epoch e WHERE NOT EXISTS (SELECT 1 FROM score_run s WHERE s.epoch = e.epoch)
       AND (e.epoch % $1 = 0 OR e.epoch % $2 = 0 OR e.newly_slashed > 0) ORDER BY e.epoch LIMIT 1000`,
      [scoreEvery, reportEvery],
    ),
    pool.query<{ id: number }>(`SELECT id FROM report WHERE status = 'pending' ORDER BY epoch, first_feed_index`),
    pool.query<{ id: number }>(`SELECT id FROM report WHERE status = 'proven' ORDER BY epoch, first_feed_index`),
  ]);
  return {
    toScore: score.rows.map((r) => r.epoch),
    toProve: prove.rows.map((r) => r.id),
    toPost: post.rows.map((r) => r.id),
  };
}
