import { Queue, Worker, type ConnectionOptions, type Job } from "bullmq";
import type { Logger } from "../common/logger.js";
import type { Ingester } from "../ingest/index.js";
import type { Metrics } from "../metrics/index.js";
import { QUEUES, ingestJobId, type IngestJobData } from "./names.js";
import { toBullError } from "./toBullError.js";

export type CreateIngestQueueParameters = {
  connection: ConnectionOptions;
  logger: Logger;
  metrics?: Metrics;
  /** Key prefix, so tests (and several deployments) can share one Redis. */
  prefix?: string;
  /** First retry delay of a failed job; doubles per attempt. */
  backoffMs?: number;
};

export type IngestQueue = {
  queue: Queue<IngestJobData>;
  /** Enqueues epochs with deterministic ids; epochs already queued are ignored, failed ones retried. */
  enqueue(epochs: number[], finalizedEpoch: number): Promise<void>;
  /** Starts processing with `ingester`; returns the worker so the caller can close it on shutdown. */
  work(ingester: Ingester, concurrency: number): Worker<IngestJobData>;
  close(): Promise<void>;
};

export function createIngestQueue({ connection, logger, metrics, prefix = "oracle", backoffMs = 2_000 }: CreateIngestQueueParameters): IngestQueue {
  const log = logger.child({ module: "queue", queue: QUEUES.ingest });
  const queue = new Queue<IngestJobData>(QUEUES.ingest, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: "exponential", delay: backoffMs },
      // Completed ids are kept so re-enqueueing an ingested epoch stays a no-op for a while;
      // the database's epoch row is the lasting guard.
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    },
  });
  const workers: Worker<IngestJobData>[] = [];

  return {
    queue,
    async enqueue(epochs, finalizedEpoch) {
      if (epochs.length === 0) return;
      // A job id that failed for good would make addBulk a no-op: give those another try.
      for (const epoch of epochs) {
        const job = await queue.getJob(ingestJobId(epoch));
        if (job && (await job.isFailed())) await job.retry("failed");
      }
      await queue.addBulk(epochs.map((epoch) => ({ name: "ingest", data: { epoch, finalizedEpoch }, opts: { jobId: ingestJobId(epoch) } })));
      log.debug({ from: epochs[0], to: epochs[epochs.length - 1], count: epochs.length }, "epochs enqueued");
    },
    work(ingester, concurrency) {
      const worker = new Worker<IngestJobData>(
        QUEUES.ingest,
        async (job: Job<IngestJobData>) => {
          const end = metrics?.queue.jobSeconds.startTimer({ queue: QUEUES.ingest });
          try {
            const result = await ingester.ingestEpoch(job.data.epoch, job.data.finalizedEpoch);
            end?.({ outcome: "ok" });
            return result;
          } catch (error) {
            end?.({ outcome: "error" });
            throw toBullError(error);
          }
        },
        { connection, prefix, concurrency, autorun: true },
      );
      worker.on("failed", (job, error) => {
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === "UnrecoverableError";
        if (final) metrics?.queue.failures.inc({ queue: QUEUES.ingest, code: (error.cause as { code?: string })?.code ?? error.name });
        else metrics?.queue.retries.inc({ queue: QUEUES.ingest });
        log[final ? "error" : "warn"]({ epoch: job?.data.epoch, attempt: job?.attemptsMade, err: error.message }, final ? "ingest job failed" : "ingest job will retry");
      });
      worker.on("error", (error) => log.warn({ err: error.message }, "ingest worker connection error"));
      workers.push(worker);
      return worker;
    },
    async close() {
      // Worker.close waits for in-flight jobs to finish; unfinished ones return to the queue.
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    },
  };
}
