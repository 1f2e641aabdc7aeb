import type pg from "pg";

export type ReconcilePipelineParameters = {
  pool: pg.Pool;
  scoreEvery: number;
  reportEvery: number;
};

export type ReconcilePipelineReturnType = {
  /** Ingested epochs due for scoring without a stored run. */
  toScore: number[];
  /** Scored report epochs, newer than every existing report, without reports yet. */
  toReport: number[];
  toProve: number[];
  toPost: number[];
};

/**
 * What the stages still owe, read from PostgreSQL alone: the database is the source of truth, so
 * jobs that Redis lost (restart, eviction) or that failed for good before a fix are found again.
 * Reports are only created for epochs newer than any existing report, because RiskOracle accepts
 * a feed's scores only in increasing epoch order.
 */
export async function reconcilePipeline({ pool, scoreEvery, reportEvery }: ReconcilePipelineParameters): Promise<ReconcilePipelineReturnType> {
  const [score, report, prove, post] = await Promise.all([
    pool.query<{ epoch: number }>(
      `SELECT e.epoch FROM epoch e WHERE NOT EXISTS (SELECT 1 FROM score_run s WHERE s.epoch = e.epoch)
       AND (e.epoch % $1 = 0 OR e.epoch % $2 = 0 OR e.newly_slashed > 0) ORDER BY e.epoch LIMIT 1000`,
      [scoreEvery, reportEvery],
    ),
    pool.query<{ epoch: number }>(
      `SELECT s.epoch FROM score_run s WHERE s.epoch > 0 AND s.epoch % $1 = 0 AND s.operators > 0
       AND s.epoch > coalesce((SELECT max(epoch) FROM report), -1) ORDER BY s.epoch`,
      [reportEvery],
    ),
    pool.query<{ id: number }>(`SELECT id FROM report WHERE status = 'pending' ORDER BY epoch, first_feed_index`),
    pool.query<{ id: number }>(`SELECT id FROM report WHERE status = 'proven' ORDER BY epoch, first_feed_index`),
  ]);
  return {
    toScore: score.rows.map((r) => r.epoch),
    toReport: report.rows.map((r) => r.epoch),
    toProve: prove.rows.map((r) => r.id),
    toPost: post.rows.map((r) => r.id),
  };
}
