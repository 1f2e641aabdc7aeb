import type { WindowSummary } from "./types.js";

/** Missed proposals per proposer duty over the window; undefined when there was no duty. */
export function proposalMissRate(summary: WindowSummary): number | undefined {
  const p = summary.proposals;
  return p.duties > 0 ? (p.duties - p.produced) / p.duties : undefined;
}
