import type { WindowSummary } from "./types.js";

export type LateHeadsReturnType = {
  /** Head votes missed while the target vote earned its reward. */
  lateHeads: number;
  /** Attestations whose target vote earned its reward: the set late heads are drawn from. */
  included: number;
};

/**
 * Late heads and what they are counted against. The spec rewards a head vote only when the
 * target matches too, so a head miss with the target earned is an attestation that was included
 * on time for its target but late (more than one slot) or on the wrong head: latency. The
 * denominator is the attestations with the target earned, not all duties: a validator that is
 * offline has neither heads nor targets, so per duty its downtime would dilute the rate (a month
 * offline read as perfect latency). Not source votes either: an attestation included 6–32 slots
 * late misses its source but earns its target, so per included source the rate could exceed 1.
 */
export function lateHeads(summary: WindowSummary): LateHeadsReturnType {
  const a = summary.attestations;
  return {
    lateHeads: Math.max(0, a.headMisses - a.targetMisses),
    included: Math.max(0, a.duties - a.targetMisses),
  };
}
