/** Queue names and deterministic job ids: re-enqueueing the same epoch or report is a no-op in BullMQ. */
export const QUEUES = {
  ingest: "ingest-epoch",
  score: "score-epoch",
  prove: "prove-report",
  post: "post-report",
} as const;

export type IngestJobData = { epoch: number; finalizedEpoch: number };
export type ScoreJobData = { epoch: number };
export type ReportJobData = { reportId: number };

export function ingestJobId(epoch: number): string {
  return `epoch-${epoch}`;
}

export function scoreJobId(epoch: number): string {
  return `score-${epoch}`;
}

export function proveJobId(reportId: number): string {
  return `prove-${reportId}`;
}

export function postJobId(reportId: number): string {
  return `post-${reportId}`;
}
