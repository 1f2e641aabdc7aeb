import { emptyEpochAggregate } from "../features/index.js";
import type { SetAggregate } from "./builtEpoch.js";

/** A set's sums at an epoch before any of its validators is added. */
export function emptySetAggregate(epoch: number): SetAggregate {
  return { ...emptyEpochAggregate(epoch), validators: 0, balanceGwei: 0, newlySlashed: 0 };
}
