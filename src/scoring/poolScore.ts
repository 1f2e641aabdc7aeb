import { riskGrade, type RiskGrade } from "./riskGrade.js";

export type PoolScoreParameters = {
  operators: readonly {
    operatorId: string;
    /** Expected 30-day shortfall, bp of stake (the on-chain score). */
    scoreBps: number;
    /** P(severe loss in 30 days). */
    probability: number;
    stakeGwei: number;
  }[];
  /** Operators at or above this score count in the tail share. */
  tailThresholdBps?: number;
};

export type PoolScoreReturnType = {
  /**
   * Stake-weighted mean expected shortfall (bp of the pool's stake): the pool's expected 30-day
   * loss, since losses add up over stake where probabilities do not.
   */
  scoreBps: number;
  /** The grade of the stake-weighted mean probability: the share of stake expected to see a severe loss. */
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
  tailThresholdBps = 10,
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
  let weightedProbability = 0;
  let tail = 0;
  let worst: (typeof operators)[number] | undefined;
  for (const o of operators) {
    weighted += o.scoreBps * o.stakeGwei;
    weightedProbability += o.probability * o.stakeGwei;
    if (o.scoreBps >= tailThresholdBps) tail += o.stakeGwei;
    if (!worst || o.scoreBps > worst.scoreBps) worst = o;
  }
  const scoreBps = Math.round(weighted / stake);
  return {
    scoreBps,
    grade: riskGrade(Math.round((weightedProbability / stake) * 10_000)),
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
