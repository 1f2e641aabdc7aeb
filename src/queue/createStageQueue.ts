import { Queue, Worker, type ConnectionOptions, type Job } from "bullmq";
import type { Logger } from "../common/logger.js";
import type { Metrics } from "../metrics/index.js";
import { errorCode } from "../common/errorCode.js";
import { toBullError } from "./toBullError.js";

export type CreateStageQueueParameters = {
  name: string;
  connection: ConnectionOptions;
  logger: Logger;
  metrics?: Metrics;
  /** Key prefix, so tests (and several deployments) can share one Redis. */
  prefix?: string;
  attempts?: number;
  /** First retry delay of a failed job; doubles per attempt. */
  backoffMs?: number;
  /** How long a worker may hold a job before it counts as stalled (proofs take minutes). */
  lockDurationMs?: number;
  /**
   * A job that used up its attempts on retryable errors is tried again when re-enqueued this
   * long after it failed. A terminal failure (a non-retryable error) is never revived this way.
   */
  retryFailedAfterMs?: number;
  /**
   * Revive terminal failures too, after the same cool-down. Default false: a report's failure
   * needs an operator. The ingest stage sets it, because the follower must get every epoch in the
   * end and a terminal ingest failure (a node that cannot serve it) can clear on its own.
   */
  reviveTerminal?: boolean;
};

export type StageJob<T> = { id: string; data: T };

export type StageQueue<T> = {
  name: string;
  queue: Queue<T>;
  /** Adds jobs by deterministic id: ids already queued, done or failed terminally are ignored; others that failed are retried. */
  enqueue(jobs: readonly StageJob<T>[]): Promise<void>;
  /** An operator's retry: a failed job (terminal included) is replaced by a fresh one. */
  retry(job: StageJob<T>): Promise<void>;
  /** Starts processing; job errors are mapped to retryable or not (UnrecoverableError). */
  work(process: (data: T, job: Job<T>) => Promise<unknown>, concurrency: number): Worker<T>;
  /** Samples job counts per state into the `oracle_queue_jobs` gauge. */
  sampleDepth(): Promise<void>;
  close(): Promise<void>;
};

/**
 * One pipeline stage on BullMQ. Every job id is derived from what it processes (an epoch, a
 * report), so enqueueing twice does nothing, and the database stays the source of truth: a
 * reconciler re-enqueues whatever Redis lost.
 */
export function createStageQueue<T>({
  name,
  connection,
  logger,
  metrics,
  prefix = "oracle",
  attempts = 8,
  backoffMs = 2_000,
  lockDurationMs,
  retryFailedAfterMs = 60_000,
  reviveTerminal = false,
}: CreateStageQueueParameters): StageQueue<T> {
  const log = logger.child({ module: "queue", queue: name });
  const queue = new Queue<T>(name, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: "exponential", delay: backoffMs },
      // Completed ids are kept so re-enqueueing finished work stays a no-op for a while; the
      // database is the lasting guard.
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    },
  });
  const workers: Worker<T>[] = [];
  const add = (jobs: readonly StageJob<T>[]) =>
    queue.addBulk(jobs.map(({ id, data }) => ({ name, data, opts: { jobId: id } })) as never);
  return {
    name,
    queue,
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      // A job id that failed would make addBulk a no-op: one that ran out of retryable attempts
      // gets another try after a cool-down (so it does not spin); a terminal one stays failed
      // until an operator retries it.
      for (const { id } of jobs) {
        const job = await queue.getJob(id);
        if (
          job &&
          (reviveTerminal || !isTerminal(job)) &&
          (await job.isFailed()) &&
          Date.now() - (job.finishedOn ?? 0) >= retryFailedAfterMs
        )
          await job.retry("failed");
      }
      await add(jobs);
      log.debug(
        { from: jobs[0].id, to: jobs[jobs.length - 1].id, count: jobs.length },
        "jobs enqueued",
      );
    },
    async retry(stageJob) {
      const job = await queue.getJob(stageJob.id);
      if (job && (await job.isFailed())) await job.remove();
      await add([stageJob]);
      log.info({ job: stageJob.id }, "job retried by an operator");
    },
    work(process, concurrency) {
      const worker = new Worker<T>(
        name,
        async (job: Job<T>) => {
          const end = metrics?.queue.jobSeconds.startTimer({ queue: name });
          try {
            const result = await process(job.data, job);
            end?.({ outcome: "ok" });
            return result;
          } catch (error) {
            end?.({ outcome: "error" });
            const bullError = toBullError(error);
            // Marked on the job itself, so the mark goes when an operator's retry removes the job.
            if (bullError.name === "UnrecoverableError")
              await job.updateProgress({ [TERMINAL]: errorCode(error) }).catch(() => undefined);
            throw bullError;
          }
        },
        {
          connection,
          prefix,
          concurrency,
          autorun: true,
          ...(lockDurationMs !== undefined && { lockDuration: lockDurationMs }),
        },
      );
      worker.on("failed", (job, error) => {
        const final =
          !job ||
          job.attemptsMade >= (job.opts.attempts ?? 1) ||
          error.name === "UnrecoverableError";
        if (final) metrics?.queue.failures.inc({ queue: name, code: errorCode(error) });
        else metrics?.queue.retries.inc({ queue: name });
        log[final ? "error" : "warn"](
          { job: job?.id, attempt: job?.attemptsMade, err: error.message },
          final ? "job failed" : "job will retry",
        );
      });
      worker.on("error", (error) => log.warn({ err: error.message }, "worker connection error"));
      workers.push(worker);
      return worker;
    },
    async sampleDepth() {
      const counts = await queue.getJobCounts(
        "waiting",
        "active",
        "delayed",
        "failed",
        "completed",
      );
      for (const [state, n] of Object.entries(counts))
        metrics?.queue.depth.set({ queue: name, state }, n);
    },
    async close() {
      // Worker.close waits for in-flight jobs to finish; unfinished ones return to the queue.
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    },
  };
}

const TERMINAL = "terminalFailure";

/** Whether a job failed with a non-retryable error (see the worker's catch above). */
function isTerminal(job: Job): boolean {
  return typeof job.progress === "object" && job.progress !== null && TERMINAL in job.progress;
}
