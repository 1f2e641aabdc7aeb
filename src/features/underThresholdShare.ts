import { CSM_LEEWAY } from "./featureSpec.js";
import type { ValidatorDuties } from "./types.js";

export type UnderThresholdShareParameters = {
  validators: readonly ValidatorDuties[];
  /** The network's attestation performance (included / assigned) over the same window. */
  networkPerformance: number;
  leeway?: number;
};

/**
 * Lido CSM's rule as Lido applies it: each validator's own included / assigned against the
 * network's performance minus the leeway. Returns the share of the operator's validators with
 * duties in the window that fall under the line (0 without any), so one bad key of twelve reads
 * 1/12 rather than vanishing into the operator's average.
 */
export function underThresholdShare({
  validators,
  networkPerformance,
  leeway = CSM_LEEWAY,
}: UnderThresholdShareParameters): number {
  const line = networkPerformance - leeway;
  let counted = 0;
  let under = 0;
  for (const v of validators) {
    if (v.assigned <= 0) continue;
    counted++;
    if (v.included / v.assigned < line) under++;
  }
  return counted === 0 ? 0 : under / counted;
}
