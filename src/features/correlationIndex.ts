import type { WindowSummary } from "./types.js";

/**
 * Share of the operator's attestation misses that happened together with many of its other
 * validators in the same epoch (see summarizeWindow for "together"): near 1 means its failures
 * come from shared infrastructure, which is also how correlated slashings happen. 0 without misses.
 */
export function correlationIndex(summary: WindowSummary): number {
  const misses = summary.attestations.sourceMisses;
  return misses > 0 ? summary.correlatedMisses / misses : 0;
}
