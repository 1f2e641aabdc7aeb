import type { Logger } from "../common/logger.js";
import type { Shutdown } from "../common/shutdown.js";
import type { Metrics } from "../metrics/index.js";
import { createIngestQueue, type IngestQueue } from "./createIngestQueue.js";
import { createStageQueue, type StageQueue } from "./createStageQueue.js";
import {
  postJobId,
  proveJobId,
  QUEUES,
  type ReportJobData,
  type ScoreJobData,
  scoreJobId,
} from "./names.js";
import { redisConnection } from "./redisConnection.js";

/** Lock of a prove or post job, renewed every half of it while the worker lives. */
const STAGE_LOCK_MS = 30_000;

export type PipelineQueues = {
  ingest: IngestQueue;
  score: StageQueue<ScoreJobData>;
  prove: StageQueue<ReportJobData>;
  post: StageQueue<ReportJobData>;
};

export type CreatePipelineQueuesParameters = {
  redisUrl: string;
  logger: Logger;
  metrics: Metrics;
  shutdown: Shutdown;
  /** Redis key prefix (tests and demos isolate their queues with it). */
  prefix?: string;
  /** Retry backoff of every queue; tests shorten it. */
  backoffMs?: number;
};

export type CreatePipelineQueuesReturnType = {
  queues: PipelineQueues;
  enqueueScore(epochs: readonly number[]): Promise<void>;
  enqueueProve(reportIds: readonly number[]): Promise<void>;
  enqueuePost(reportIds: readonly number[]): Promise<void>;
};

/**
 * The four queues of a worker process and the enqueue helpers that derive each job id from what
 * it processes; each queue closes on shutdown.
 */
export function createPipelineQueues({
  redisUrl,
  logger,
  metrics,
  shutdown,
  prefix,
  backoffMs,
}: CreatePipelineQueuesParameters): CreatePipelineQueuesReturnType {
  const connection = redisConnection(redisUrl);
  const options = { connection, logger, metrics, prefix, backoffMs };
  const queues: PipelineQueues = {
    ingest: createIngestQueue(options),
    score: createStageQueue<ScoreJobData>({ ...options, name: QUEUES.score }),
    // Proofs (an ezkl process or a worker thread) and receipt waits leave the event loop free, so
    // BullMQ renews a short lock all along; a killed worker's job is then stalled and taken again
    // within a minute, where a lock as long as a proof would hold it for that long.
    prove: createStageQueue<ReportJobData>({
      ...options,
      name: QUEUES.prove,
      attempts: 4,
      lockDurationMs: STAGE_LOCK_MS,
    }),
    post: createStageQueue<ReportJobData>({
      ...options,
      name: QUEUES.post,
      attempts: 20,
      lockDurationMs: STAGE_LOCK_MS,
    }),
  };
  // Registered first so it runs last: workers finish in-flight jobs before queues disconnect.
  for (const q of Object.values(queues)) shutdown.add(`${q.name} queue`, () => q.close());
  return {
    queues,
    enqueueScore: (epochs) =>
      queues.score.enqueue(epochs.map((epoch) => ({ id: scoreJobId(epoch), data: { epoch } }))),
    enqueueProve: (ids) =>
      queues.prove.enqueue(
        ids.map((reportId) => ({ id: proveJobId(reportId), data: { reportId } })),
      ),
    enqueuePost: (ids) =>
      queues.post.enqueue(ids.map((reportId) => ({ id: postJobId(reportId), data: { reportId } }))),
  };
}
