import type { WindowSummary } from "./types.js";

/**
 * Lido CSM's performance measure: attestations included / attestations assigned over the window
 * (a duty whose source flag was not earned counts as not included). Undefined without duties.
 */
export function attestationPerformance(summary: WindowSummary): number | undefined {
  const a = summary.attestations;
  return a.duties > 0 ? 1 - a.sourceMisses / a.duties : undefined;
}
