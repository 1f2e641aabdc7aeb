import type { ConnectionOptions, Worker } from "bullmq";
import type { Logger } from "../common/logger.js";
import type { Ingester } from "../ingest/index.js";
import type { Metrics } from "../metrics/index.js";
import { createStageQueue, type StageQueue } from "./createStageQueue.js";
import { QUEUES, ingestJobId, type IngestJobData } from "./names.js";

export type CreateIngestQueueParameters = {
  connection: ConnectionOptions;
  logger: Logger;
  metrics?: Metrics;
  /** Key prefix, so tests (and several deployments) can share one Redis. */
  prefix?: string;
  /** First retry delay of a failed job; doubles per attempt. */
  backoffMs?: number;
  /** Cool-down before an epoch that failed for good is tried again (default 10 minutes). */
  retryFailedAfterMs?: number;
};

export type IngestQueue = Omit<StageQueue<IngestJobData>, "enqueue" | "work"> & {
  /** Enqueues epochs with deterministic ids; epochs already queued are ignored, failed ones retried. */
  enqueue(epochs: number[], finalizedEpoch: number): Promise<void>;
  /** Starts processing with `ingester`; `onIngested` runs after each stored epoch (e.g. to enqueue its scoring). */
  work(
    ingester: Ingester,
    concurrency: number,
    onIngested?: (epoch: number) => Promise<void>,
  ): Worker<IngestJobData>;
};

/** The ingest stage's queue: one job per finalized epoch. */
export function createIngestQueue({
  connection,
  logger,
  metrics,
  prefix,
  backoffMs,
  retryFailedAfterMs = 600_000,
}: CreateIngestQueueParameters): IngestQueue {
  // Transient failures retry within the job with exponential backoff. An epoch that failed for
  // good (its retries spent, or a terminal code such as INGEST_NODE_CANNOT_SERVE) is tried again
  // only after a cool-down, when the follower re-enqueues what is missing: a node restarted as
  // an archive, or a fix deployed, lets it through, without a tight retry loop before that.
  const stage = createStageQueue<IngestJobData>({
    name: QUEUES.ingest,
    connection,
    logger,
    metrics,
    prefix,
    backoffMs,
    retryFailedAfterMs,
    reviveTerminal: true,
  });
  return {
    ...stage,
    enqueue: (epochs, finalizedEpoch) =>
      stage.enqueue(
        epochs.map((epoch) => ({ id: ingestJobId(epoch), data: { epoch, finalizedEpoch } })),
      ),
    work: (ingester, concurrency, onIngested) =>
      stage.work(async ({ epoch, finalizedEpoch }) => {
        const result = await ingester.ingestEpoch(epoch, finalizedEpoch);
        await onIngested?.(epoch);
        return result;
      }, concurrency),
  };
}
