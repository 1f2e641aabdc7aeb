import { CORRELATION_PRIOR_MISSES } from "./featureSpec.js";
import type { WindowSummary } from "./types.js";

/**
 * Share of the operator's attestation misses that happened together with others of its
 * validators in the same epoch (see summarizeWindow for "together"): near 1 means its failures
 * come from shared infrastructure, which is also how correlated slashings happen. The share is
 * shrunk toward 0 by CORRELATION_PRIOR_MISSES, so two validators missing one epoch together are
 * weak evidence (0.2) and a hundred are strong (0.93); a single validator can never miss
 * "together" and reads 0.
 */
export function correlationIndex(summary: WindowSummary): number {
  return summary.correlatedMisses / (summary.attestations.sourceMisses + CORRELATION_PRIOR_MISSES);
}
