import type { OperatorLossReturnType } from "./operatorLoss.js";

export type PoolLossParameters = {
  operators: readonly {
    operatorId: string;
    stakeGwei: number;
    loss: Pick<OperatorLossReturnType, "expectedLossEthPer32" | "expectedLossBps30d" | "stressed">;
  }[];
};

export type PoolLossReturnType = {
  /** Stake-weighted expected 30-day loss: expected losses add, probabilities would not. */
  expectedLossBps30d: number;
  expectedLossEthPer32: number;
  /** The worst single operator's whole set slashed, as a loss of the pool's stake (bp). */
  stressedBps: number;
  stressedOperatorId?: string;
  stakeGwei: number;
};

/** A pool (LST/LRT) loses what its operators lose, in proportion to the stake behind each. */
export function poolLoss({ operators }: PoolLossParameters): PoolLossReturnType {
  const stake = operators.reduce((a, o) => a + o.stakeGwei, 0);
  if (stake <= 0)
    return { expectedLossBps30d: 0, expectedLossEthPer32: 0, stressedBps: 0, stakeGwei: 0 };
  let eth = 0;
  let stressedBps = 0;
  let stressedOperatorId: string | undefined;
  for (const o of operators) {
    eth += (o.loss.expectedLossEthPer32 * o.stakeGwei) / stake;
    const s = (o.loss.stressed.operator_set_slashed.bps * o.stakeGwei) / stake;
    if (s > stressedBps) {
      stressedBps = s;
      stressedOperatorId = o.operatorId;
    }
  }
  return {
    expectedLossBps30d: (eth / 32) * 10_000,
    expectedLossEthPer32: eth,
    stressedBps,
    stressedOperatorId,
    stakeGwei: stake,
  };
}
