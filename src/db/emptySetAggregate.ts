import { emptyAttestationAggregate } from "../features/emptyAttestationAggregate.js";
import type { SetAggregate } from "./builtEpoch.js";

/** A set's sums at an epoch before any of its validators is added. */
export function emptySetAggregate(epoch: number): SetAggregate {
  return {
    epoch,
    validators: 0,
    balanceGwei: 0,
    newlySlashed: 0,
    activeValidators: 0,
    attestations: emptyAttestationAggregate(),
    proposals: { duties: 0, produced: 0 },
    sync: { duties: 0, participated: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 0,
    exitedValidators: 0,
  };
}
