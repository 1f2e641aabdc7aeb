import type { WindowSummary } from "./types.js";

/** Sync-committee slots signed per slot of membership; undefined when the set had no sync duty. */
export function syncParticipation(summary: WindowSummary): number | undefined {
  const s = summary.sync;
  return s.duties > 0 ? s.participated / s.duties : undefined;
}
