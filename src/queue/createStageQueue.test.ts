/**
 * A stage queue on real Redis: a job that failed with a non-retryable error stays failed however
 * often it is re-enqueued (the reconciler does that every round), one that ran out of retryable
 * attempts is tried again, an operator's retry revives either, and the final-failure metric
 * names the project's error code, not its cause's.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { BaseError, createLogger } from "../common/index.js";
import { createMetrics } from "../metrics/index.js";
import { createStageQueue } from "./createStageQueue.js";
import { redisConnection } from "./redisConnection.js";
import { createNotifier } from "../../test/support/createNotifier.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:56379";

describe("createStageQueue failures", () => {
  const metrics = createMetrics();
  const queue = createStageQueue<{ kind: "terminal" | "transient" }>({
    name: "failures",
    connection: redisConnection(REDIS_URL),
    logger,
    metrics,
    prefix: `test-stage-${randomBytes(4).toString("hex")}`,
    attempts: 2,
    backoffMs: 10,
    retryFailedAfterMs: 0,
  });
  const runs = new Map<string, number>();
  const worker = queue.work(async ({ kind }, job) => {
    runs.set(job.id!, (runs.get(job.id!) ?? 0) + 1);
    if (kind === "terminal") throw new BaseError("TEST_BAD_INPUT", "input can never be processed");
    // A retryable failure whose cause carries a system code of its own.
    throw new BaseError("TEST_UPSTREAM_DOWN", "upstream unavailable", {
      retryable: true,
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
  }, 2);
  // Every wait below is over at a failure (a run counts before its job fails), so each checks its
  // condition again at the Worker's `failed` event. Attached before any job is enqueued, and after
  // the stage queue's own listener, so the failure is already counted in the metrics and, when
  // final, the job is failed in Redis (BullMQ emits it once the job is moved).
  const failedEvent = createNotifier();
  worker.on("failed", () => failedEvent.notify());

  after(async () => {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  const failed = async (id: string) => {
    await failedEvent.until(
      async () => (await (await queue.queue.getJob(id))?.isFailed()) ?? false,
      {
        timeoutMs: 20_000,
        what: `job ${id} failed`,
      },
    );
    return (await queue.queue.getJob(id))!;
  };
  const failures = async () =>
    Object.fromEntries(
      (await metrics.queue.failures.get()).values.map((v) => [String(v.labels.code), v.value]),
    );

  it("leaves a terminal failure failed when re-enqueued, and retries one that ran out of retryable attempts", async () => {
    await queue.enqueue([
      { id: "t-1", data: { kind: "terminal" } },
      { id: "r-1", data: { kind: "transient" } },
    ]);
    const terminal = await failed("t-1");
    await failed("r-1");
    assert.equal(runs.get("t-1"), 1, "a non-retryable error is not retried");
    assert.equal(runs.get("r-1"), 2, "a retryable error uses its attempts");

    // Reconciliation rounds re-enqueue both ids; each round is over once the revived retryable
    // job has run and failed again (the terminal one, enqueued first, would have run by then).
    for (let round = 0; round < 3; round++) {
      const runsBefore = runs.get("r-1")!;
      await queue.enqueue([
        { id: "t-1", data: { kind: "terminal" } },
        { id: "r-1", data: { kind: "transient" } },
      ]);
      await failedEvent.until(() => runs.get("r-1")! > runsBefore, {
        timeoutMs: 20_000,
        what: `round ${round}: r-1 tried again`,
      });
      await failed("r-1");
    }
    assert.equal(runs.get("t-1"), 1, "the terminal job was not revived");
    assert.equal((await queue.queue.getJob("t-1"))?.finishedOn, terminal.finishedOn);
    assert.ok(
      runs.get("r-1")! > 2,
      `the exhausted retryable job was tried again (${runs.get("r-1")} runs)`,
    );
  });

  it("revives a terminal failure on an operator's retry", async () => {
    const before = runs.get("t-1")!;
    await queue.retry({ id: "t-1", data: { kind: "terminal" } });
    await failedEvent.until(() => runs.get("t-1") !== before, {
      timeoutMs: 20_000,
      what: "t-1 run again",
    });
    assert.equal(runs.get("t-1"), before + 1);
    await failed("t-1");
  });

  it("counts final failures under the project's error code", async () => {
    const counted = await failures();
    assert.ok(
      (counted.TEST_BAD_INPUT ?? 0) >= 2,
      `terminal failures by code: ${JSON.stringify(counted)}`,
    );
    assert.ok(
      (counted.TEST_UPSTREAM_DOWN ?? 0) >= 1,
      `exhausted retries by code: ${JSON.stringify(counted)}`,
    );
    assert.equal(counted.ECONNREFUSED, undefined, "never the cause's code");
    assert.equal(counted.UnrecoverableError, undefined, "never BullMQ's wrapper");
  });
});
