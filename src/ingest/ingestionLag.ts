import { lastIngestableEpoch } from "./epochSlots.js";

export type IngestionLagParameters = {
  finalizedEpoch: number | null;
  ingestedEpoch: number | null;
  /** Epochs missing below the newest stored one (see `ingestedSpan`): gaps count as lag too. */
  gaps?: number;
};

/**
 * Ingestable epochs (up to finalized − 2) not stored: those after the newest stored epoch plus
 * the gaps below it; null while no finalized head is known. An empty database counts every epoch
 * up to the target as missing. Processes are ready when it is at most 1 (one epoch may be in
 * flight), so an epoch that failed for good keeps them unready instead of hiding behind newer ones.
 */
export function ingestionLag({
  finalizedEpoch,
  ingestedEpoch,
  gaps = 0,
}: IngestionLagParameters): number | null {
  if (finalizedEpoch === null) return null;
  const target = lastIngestableEpoch(finalizedEpoch);
  return ingestedEpoch === null ? target + 1 : Math.max(0, target - ingestedEpoch) + gaps;
}
