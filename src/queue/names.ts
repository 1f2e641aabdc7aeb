/** Queue names and deterministic job ids: re-enqueueing the same epoch is a no-op in BullMQ. */
export const QUEUES = {
  ingest: "ingest-epoch",
} as const;

export type IngestJobData = { epoch: number; finalizedEpoch: number };

export function ingestJobId(epoch: number): string {
  return `epoch-${epoch}`;
}
