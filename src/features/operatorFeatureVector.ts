import { attestationEffectiveness } from "./attestationEffectiveness.js";
import { attestationPerformance } from "./attestationPerformance.js";
import { balanceGrowthGap } from "./balanceGrowthGap.js";
import { correlationIndex } from "./correlationIndex.js";
import { BALANCE_GAP_UNIT_PP, FEATURE_SPECS, FEATURE_VERSION } from "./featureSpec.js";
import { logRate } from "./logRate.js";
import { missRates } from "./missRates.js";
import type { NetworkReference } from "./networkReference.js";
import { proposalMissRate } from "./proposalMissRate.js";
import { relativePerformance } from "./relativePerformance.js";
import { slashingHistory } from "./slashingHistory.js";
import type { WindowSummaries } from "./summarizeWindows.js";
import { syncParticipation } from "./syncParticipation.js";
import type { FeatureVector, SlashingEvent, WindowName } from "./types.js";

export type OperatorFeatureVectorParameters = {
  operatorId: string;
  atEpoch: number;
  windows: WindowSummaries;
  reference: NetworkReference;
  slashings: readonly SlashingEvent[];
};

/**
 * The "ofv1" vector of one operator, in FEATURE_NAMES order. A quantity the operator has no
 * evidence for in a window (no proposer or sync duty, no active validator) takes the network's
 * value, so missing evidence reads as "ordinary", not as perfect or as failed.
 */
export function operatorFeatureVector({
  operatorId,
  atEpoch,
  windows,
  reference,
  slashings,
}: OperatorFeatureVectorParameters): FeatureVector {
  const net = reference.network;
  const eff = (w: WindowName) =>
    attestationEffectiveness(windows[w]) ?? attestationEffectiveness(net[w]) ?? 1;
  const miss7 = missRates(windows["7d"]) ??
    missRates(net["7d"]) ?? { head: 0, target: 0, source: 0 };
  const gap = (w: WindowName) => {
    const perf = attestationPerformance(windows[w]);
    const ref = reference.medianPerformance[w];
    return perf === undefined || ref === undefined
      ? { shortfall: 0, underThreshold: false }
      : relativePerformance({ performance: perf, reference: ref });
  };
  const history = slashingHistory({ events: slashings, operatorId, atEpoch });
  const balanceGap = balanceGrowthGap({ operator: windows["30d"], network: net["30d"] }) ?? 0;
  const shareBp =
    net["1d"].effectiveBalanceGwei > 0
      ? (windows["1d"].effectiveBalanceGwei / net["1d"].effectiveBalanceGwei) * 10_000
      : 0;
  const w30 = windows["30d"];

  const values = [
    logRate(1 - eff("1d")),
    logRate(1 - eff("7d")),
    logRate(1 - eff("30d")),
    logRate(miss7.head),
    logRate(miss7.target),
    logRate(miss7.source),
    proposalMissRate(w30) ?? proposalMissRate(net["30d"]) ?? 0,
    logRate(1 - (syncParticipation(w30) ?? syncParticipation(net["30d"]) ?? 1)),
    logRate(gap("7d").shortfall),
    logRate(gap("30d").shortfall),
    gap("30d").underThreshold ? 1 : 0,
    correlationIndex(w30),
    w30.maxMissingShare,
    Math.log10(1 + history.count),
    history.recency,
    Math.log10(1 + history.largestCluster),
    Math.sign(balanceGap) * Math.log10(1 + Math.abs(balanceGap) / BALANCE_GAP_UNIT_PP),
    Math.log10(1 + w30.lastActiveValidators),
    Math.log10(1 + shareBp),
    w30.maxActiveValidators > 0 ? w30.exitedValidators / w30.maxActiveValidators : 0,
  ];
  // Bounding here (not in the model) keeps every published vector inside the ranges the model's
  // input scaling and the circuit's fixed-point range were built for.
  const bounded = values.map((v, i) =>
    Math.min(FEATURE_SPECS[i].hi, Math.max(FEATURE_SPECS[i].lo, v)),
  );
  return { operatorId, atEpoch, version: FEATURE_VERSION, values: bounded };
}
