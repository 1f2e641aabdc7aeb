import { lastIngestableEpoch } from "./epochSlots.js";

export type IngestionLagParameters = { finalizedEpoch: number | null; ingestedEpoch: number | null };

/**
 * Epochs between the newest ingestable epoch (finalized − 2) and the newest stored one; null while
 * no finalized head is known. An empty database counts every epoch up to the target as missing.
 * Processes are ready when it is at most 1 (one epoch may be in flight).
 */
export function ingestionLag({ finalizedEpoch, ingestedEpoch }: IngestionLagParameters): number | null {
  if (finalizedEpoch === null) return null;
  const target = lastIngestableEpoch(finalizedEpoch);
  return ingestedEpoch === null ? target + 1 : Math.max(0, target - ingestedEpoch);
}
