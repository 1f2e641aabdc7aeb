/** Columns of pool_score as the pool routes select them (epoch null: never scored). */
export type PoolScoreRow = {
  epoch: number | null;
  score_bps: number;
  grade: string;
  tail_stake_bps: number;
  worst_operator_id: string | null;
  score_operators: number;
  stake_gwei: number;
  model_sha256: string;
};

/** The pool_score columns every pool route selects, from the lateral join aliased `ps`. */
export const POOL_SCORE_COLUMNS =
  "ps.epoch, ps.score_bps, ps.grade, ps.tail_stake_bps, ps.worst_operator_id, ps.operators AS score_operators, ps.stake_gwei, ps.model_sha256";

export function poolScoreFromRow(r: PoolScoreRow) {
  if (r.epoch === null) return null;
  return {
    epoch: r.epoch,
    scoreBps: r.score_bps,
    grade: r.grade,
    tailStakeBps: r.tail_stake_bps,
    worstOperatorId: r.worst_operator_id,
    operators: r.score_operators,
    stakeGwei: r.stake_gwei,
    modelSha256: r.model_sha256,
  };
}
