import type pg from "pg";
import { withTransaction } from "./withTransaction.js";

export type StoredOperatorScore = {
  operatorId: string;
  scoreBps: number;
  probability: number;
  grade: string;
  features: readonly number[];
  /** Per-feature contributions to the model's logit (feature order). */
  contributions?: readonly number[];
  /** The operator's losses (src/loss `operatorLoss`). */
  loss?: unknown;
  validators: number;
  stakeGwei: number;
  /** RiskOracle's feed id of the operator (src/report `feedId`), for a first-time feed. */
  feedId: string;
};

export type StoredPoolScore = {
  poolId: string;
  scoreBps: number;
  grade: string;
  tailStakeBps: number;
  worstOperatorId: string | null;
  operators: number;
  stakeGwei: number;
  /** The pool's aggregated losses (src/loss `poolLoss`). */
  loss?: unknown;
};

export type WriteScoresParameters = {
  pool: pg.Pool;
  epoch: number;
  modelSha256: string;
  featureVersion: string;
  operators: readonly StoredOperatorScore[];
  pools: readonly StoredPoolScore[];
  durationMs: number;
};

export type WriteScoresReturnType = { written: boolean; newFeeds: number };

/**
 * Stores one scoring run whole: operator and pool scores, the run row, and a feed index for every
 * operator seen for the first time (indices follow first appearance, ties by id, so they never
 * move). A run already stored is left untouched: a repeated job changes nothing.
 */
export async function writeScores(p: WriteScoresParameters): Promise<WriteScoresReturnType> {
  return withTransaction(p.pool, async (client) => {
    // Serialises concurrent scorers of the same epoch and feed assignment across epochs.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('score_run'))`);
    const { rowCount } = await client.query(`SELECT 1 FROM score_run WHERE epoch = $1`, [p.epoch]);
    if (rowCount) return { written: false, newFeeds: 0 };

    const ops = p.operators;
    await client.query(
      `INSERT INTO operator_score (operator_id, epoch, score_bps, probability, grade, model_sha256, feature_version, features, contributions, loss, validators, stake_gwei)
       SELECT o.id, $1, o.score, o.probability, o.grade, $2, $3, ARRAY(SELECT jsonb_array_elements_text(o.features)::float8),
              CASE WHEN o.contributions IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(o.contributions)::float8) END, o.loss, o.validators, o.stake
       FROM jsonb_to_recordset($4::jsonb) AS o(id text, score int, probability float8, grade text, features jsonb, contributions jsonb, loss jsonb, validators int, stake float8)`,
      [
        p.epoch,
        p.modelSha256,
        p.featureVersion,
        JSON.stringify(
          ops.map((o) => ({
            id: o.operatorId,
            score: o.scoreBps,
            probability: o.probability,
            grade: o.grade,
            features: o.features,
            contributions: o.contributions ?? null,
            loss: o.loss ?? null,
            validators: o.validators,
            stake: o.stakeGwei,
          })),
        ),
      ],
    );
    if (p.pools.length > 0) {
      await client.query(
        `INSERT INTO pool_score (pool_id, epoch, score_bps, grade, tail_stake_bps, worst_operator_id, operators, stake_gwei, model_sha256, feature_version, loss)
         SELECT q.id, $1, q.score, q.grade, q.tail, q.worst, q.operators, q.stake, $2, $3, q.loss
         FROM jsonb_to_recordset($4::jsonb) AS q(id text, score int, grade text, tail int, worst text, operators int, stake float8, loss jsonb)`,
        [
          p.epoch,
          p.modelSha256,
          p.featureVersion,
          JSON.stringify(
            p.pools.map((q) => ({
              id: q.poolId,
              score: q.scoreBps,
              grade: q.grade,
              tail: q.tailStakeBps,
              worst: q.worstOperatorId,
              operators: q.operators,
              stake: q.stakeGwei,
              loss: q.loss ?? null,
            })),
          ),
        ],
      );
    }
    const feeds = await client.query(
      `INSERT INTO feed (feed_index, feed_id, kind, ref_id)
       SELECT (SELECT coalesce(max(feed_index), -1) FROM feed) + row_number() OVER (ORDER BY n.id), n.feed_id, 'operator', n.id
       FROM (SELECT id, feed_id FROM unnest($1::text[], $2::text[]) AS u(id, feed_id)
             WHERE NOT EXISTS (SELECT 1 FROM feed f WHERE f.kind = 'operator' AND f.ref_id = u.id)) n`,
      [ops.map((o) => o.operatorId), ops.map((o) => o.feedId)],
    );
    await client.query(
      `INSERT INTO score_run (epoch, model_sha256, feature_version, operators, pools, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        p.epoch,
        p.modelSha256,
        p.featureVersion,
        ops.length,
        p.pools.length,
        Math.round(p.durationMs),
      ],
    );
    return { written: true, newFeeds: feeds.rowCount ?? 0 };
  });
}
