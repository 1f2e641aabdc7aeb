import { emptyAttestationAggregate } from "./emptyAttestationAggregate.js";
import type { EpochAggregate } from "./types.js";

/** An epoch's sums before any validator is counted in it: where ingestion and tests add duties. */
export function emptyEpochAggregate(epoch: number): EpochAggregate {
  return {
    epoch,
    activeValidators: 0,
    attestations: emptyAttestationAggregate(),
    proposals: { duties: 0, produced: 0 },
    sync: { duties: 0, participated: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 0,
    exitedValidators: 0,
  };
}
