import { attestationEffectiveness } from "./attestationEffectiveness.js";
import { lateHeads } from "./lateHeads.js";
import { missRates } from "./missRates.js";
import { proposalMissRate } from "./proposalMissRate.js";
import type { WindowSummaries } from "./summarizeWindows.js";
import { syncParticipation } from "./syncParticipation.js";
import { WINDOWS, type WindowName } from "./types.js";

/**
 * What an operator is compared with and shrunk toward: the whole network's rates per window,
 * from the network's own sums. Not the scored batch: a vector must not depend on which other
 * operators are scored with it (attesters and later reports may score another set).
 */
export type NetworkReference = {
  network: WindowSummaries;
  /** 1 − effectiveness of the network (0 when it had no duty). */
  effShortfall: Record<WindowName, number>;
  /** Head/target/source misses per duty of the network (0 without duties). */
  missRates: Record<WindowName, { head: number; target: number; source: number }>;
  /** Late heads per attestation with the target earned over 30 days (0 without any). */
  lateHeadRate30d: number;
  proposalMiss: number;
  syncMiss: number;
};

export type NetworkReferenceParameters = { network: WindowSummaries };

export function networkReference({ network }: NetworkReferenceParameters): NetworkReference {
  const effShortfall = {} as NetworkReference["effShortfall"];
  const miss = {} as NetworkReference["missRates"];
  for (const w of Object.keys(WINDOWS) as WindowName[]) {
    effShortfall[w] = 1 - (attestationEffectiveness(network[w]) ?? 1);
    miss[w] = missRates(network[w]) ?? { head: 0, target: 0, source: 0 };
  }
  const late = lateHeads(network["30d"]);
  return {
    network,
    effShortfall,
    missRates: miss,
    lateHeadRate30d: late.included > 0 ? late.lateHeads / late.included : 0,
    proposalMiss: proposalMissRate(network["30d"]) ?? 0,
    syncMiss: 1 - (syncParticipation(network["30d"]) ?? 1),
  };
}
