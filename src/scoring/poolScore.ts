import { riskGrade, type RiskGrade } from "./riskGrade.js";

export type PoolScoreParameters = {
  operators: readonly { operatorId: string; scoreBps: number; stakeGwei: number }[];
  /** Operators at or above this score count in the tail share. */
  tailThresholdBps?: number;
};

export type PoolScoreReturnType = {
  /** Stake-weighted mean probability (bps): the expected share of the pool's stake behind an operator with a severe loss. */
  scoreBps: number;
  grade: RiskGrade;
  /** Share of the pool's stake (bps) held by operators at or above the tail threshold. */
  tailStakeBps: number;
  /** The riskiest operator and its stake share (bps): concentration of the tail. */
  worstOperator?: { operatorId: string; scoreBps: number; stakeBps: number };
  operators: number;
  stakeGwei: number;
};

/** An LST/LRT as the stake-weighted set of its operators. */
export function poolScore({
  operators,
  tailThresholdBps = 800,
}: PoolScoreParameters): PoolScoreReturnType {
  const stake = operators.reduce((a, o) => a + o.stakeGwei, 0);
  if (stake <= 0)
    return {
      scoreBps: 0,
      grade: riskGrade(0),
      tailStakeBps: 0,
      operators: operators.length,
      stakeGwei: 0,
    };
  let weighted = 0;
  let tail = 0;
  let worst: (typeof operators)[number] | undefined;
  for (const o of operators) {
    weighted += o.scoreBps * o.stakeGwei;
    if (o.scoreBps >= tailThresholdBps) tail += o.stakeGwei;
    if (!worst || o.scoreBps > worst.scoreBps) worst = o;
  }
  const scoreBps = Math.round(weighted / stake);
  return {
    scoreBps,
    grade: riskGrade(scoreBps),
    tailStakeBps: Math.round((tail / stake) * 10_000),
    worstOperator: worst && {
      operatorId: worst.operatorId,
      scoreBps: worst.scoreBps,
      stakeBps: Math.round((worst.stakeGwei / stake) * 10_000),
    },
    operators: operators.length,
    stakeGwei: stake,
  };
}
