import type pg from "pg";
import { scoringEpochs } from "../db/index.js";

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
export async function reconcilePipeline({
  pool,
  scoreEvery,
  reportEvery,
}: ReconcilePipelineParameters): Promise<ReconcilePipelineReturnType> {
  const [score, prove, post] = await Promise.all([
    scoringEpochs({ pool, scoreEvery, reportEvery, unscored: true, limit: 1000 }),
    pool.query<{ id: number }>(
      `SELECT id FROM report WHERE status = 'pending' ORDER BY epoch, first_feed_index`,
    ),
    pool.query<{ id: number }>(
      `SELECT id FROM report WHERE status = 'proven' ORDER BY epoch, first_feed_index`,
    ),
  ]);
  return {
    toScore: score,
    toProve: prove.rows.map((r) => r.id),
    toPost: post.rows.map((r) => r.id),
  };
}
