import type { WindowSummary } from "./types.js";

/** BeaconScore duty weights: attestation 54, proposal 8, sync 2 (their shares of 64 in the spec). */
export const EFFECTIVENESS_WEIGHTS = { attest: 54, propose: 8, sync: 2 } as const;

/**
 * Effectiveness in the style of beaconcha.in's BeaconScore: per duty Σ earned / Σ ideal over the
 * whole window, then the duties present in the window averaged with weights 54:8:2. Proposal and
 * sync use reward sums when every duty in the window was priced, else produced/duties and
 * participated/duties (reward data is optional in the aggregates). Undefined when the window
 * holds no duty at all. Can be negative: missed source/target flags are penalties.
 */
export function attestationEffectiveness(summary: WindowSummary): number | undefined {
  let weighted = 0;
  let weights = 0;
  const a = summary.attestations;
  const attIdeal = a.sourceIdeal + a.targetIdeal + a.headIdeal;
  if (attIdeal > 0) {
    weighted +=
      EFFECTIVENESS_WEIGHTS.attest *
      ((a.sourceEarned + a.targetEarned + a.headEarned - a.inactivityPenalty) / attIdeal);
    weights += EFFECTIVENESS_WEIGHTS.attest;
  }
  const p = summary.proposals;
  if (p.duties > 0) {
    const ratio =
      p.pricedDuties === p.duties && p.ideal > 0 ? p.earned / p.ideal : p.produced / p.duties;
    weighted += EFFECTIVENESS_WEIGHTS.propose * ratio;
    weights += EFFECTIVENESS_WEIGHTS.propose;
  }
  const s = summary.sync;
  if (s.duties > 0) {
    const ratio =
      s.pricedDuties === s.duties && s.ideal > 0 ? s.earned / s.ideal : s.participated / s.duties;
    weighted += EFFECTIVENESS_WEIGHTS.sync * ratio;
    weights += EFFECTIVENESS_WEIGHTS.sync;
  }
  return weights > 0 ? weighted / weights : undefined;
}
