import { attestationEffectiveness } from "./attestationEffectiveness.js";
import { lateHeads } from "./lateHeads.js";
import { missRates } from "./missRates.js";
import { proposalMissRate } from "./proposalMissRate.js";
import type { WindowSummaries } from "./summarizeWindows.js";
import { syncParticipation } from "./syncParticipation.js";

/**
 * What an operator's 30-day rates are compared with and shrunk toward: the whole network's, from
 * the network's own sums (shorter windows shrink toward the operator's own 30 days, see
 * operatorFeatureVector). Not the scored batch: a vector must not depend on which other
 * operators are scored with it (attesters and later reports may score another set).
 */
export type NetworkReference = {
  network: WindowSummaries;
  /** 1 − effectiveness of the network over 30 days (0 when it had no duty). */
  effShortfall30d: number;
  /** Head/target/source misses per duty of the network over 30 days (0 without duties). */
  missRates30d: { head: number; target: number; source: number };
  /** Late heads per attestation with the target earned over 30 days (0 without any). */
  lateHeadRate30d: number;
  proposalMiss: number;
  syncMiss: number;
};

export type NetworkReferenceParameters = { network: WindowSummaries };

export function networkReference({ network }: NetworkReferenceParameters): NetworkReference {
  const late = lateHeads(network["30d"]);
  return {
    network,
    effShortfall30d: 1 - (attestationEffectiveness(network["30d"]) ?? 1),
    missRates30d: missRates(network["30d"]) ?? { head: 0, target: 0, source: 0 },
    lateHeadRate30d: late.included > 0 ? late.lateHeads / late.included : 0,
    proposalMiss: proposalMissRate(network["30d"]) ?? 0,
    syncMiss: 1 - (syncParticipation(network["30d"]) ?? 1),
  };
}
