import { FEATURE_NAMES } from "../features/index.js";
import { expectedLoss } from "./expectedLoss.js";
import { slashingIncidence } from "./slashingPrior.js";
import { stressedLoss, type StressedLossReturnType } from "./stressedLoss.js";

export type OperatorLossParameters = {
  /** The "ofv5" feature vector the score was computed from (its size, `validators_log`). */
  features: readonly number[];
  /**
   * (a) the model's expected performance shortfall over the next 30 days, bp of stake: the
   * proven output (scoreOperators' expectedShortfallBps), fitted to what recent duties predict.
   */
  shortfallBps30d: number;
  /** The operator's slashing record (incidents, not validators) and the years it covers. */
  history?: { incidents: number; exposureYears: number };
  totalActiveBalanceGwei?: bigint;
};

export type OperatorLossReturnType = {
  validators: number;
  /** (a) expected 30-day performance shortfall, bp of stake. */
  shortfallBps30d: number;
  /** (b) expected slashing incidents per operator-year. */
  slashingIncidentsPerYear: number;
  expectedClusterSize: number;
  /** (c) expected 30-day loss: ETH per 32 ETH and bp of stake. */
  expectedLossEthPer32: number;
  expectedLossBps30d: number;
  slashingProbability30d: number;
  /** (d) named stressed losses. */
  stressed: StressedLossReturnType;
};

const IV = FEATURE_NAMES.indexOf("validators_log");

/** Everything a CDP prices for one operator, from its feature vector and slashing record. */
export function operatorLoss({
  features,
  shortfallBps30d,
  history,
  totalActiveBalanceGwei,
}: OperatorLossParameters): OperatorLossReturnType {
  const validators = Math.max(1, Math.round(10 ** features[IV] - 1));
  const incidence = slashingIncidence({ validators, history });
  const loss = expectedLoss({
    shortfallBps30d,
    incidentsPerYear: incidence.incidentsPerYear,
    clusterSizes: incidence.clusterSizes,
    validators,
    totalActiveBalanceGwei,
  });
  return {
    validators,
    shortfallBps30d,
    slashingIncidentsPerYear: incidence.incidentsPerYear,
    expectedClusterSize: incidence.expectedClusterSize,
    expectedLossEthPer32: loss.ethPer32,
    expectedLossBps30d: loss.bps30d,
    slashingProbability30d: loss.slashingProbability30d,
    stressed: stressedLoss({ validators, totalActiveBalanceGwei }),
  };
}
