/**
 * A report whose proof fails for good, through the real worker (BullMQ on Redis, PostgreSQL):
 * it becomes `failed` with the project's error code, reconciliation rounds leave it alone, and
 * only `cli report retry` sends it back to the prover.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { createLogger, createShutdown, type Shutdown } from "../../src/common/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import { proveJobId, QUEUES } from "../../src/queue/index.js";
import { startWorker, type RunningWorker } from "../../src/pipeline/index.js";
import { createNotifier } from "../support/createNotifier.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const run = promisify(execFile);

/**
 * Every wait below is over at a prove job's final failure, which the stage queue's listener on the
 * Worker's `failed` event logs ("job failed") after counting it in the metrics; the report's
 * status is written before the job throws. So the worker logs to this stream, and each such line
 * has each wait check its condition again. BullMQ's QueueEvents would not do: its event comes on
 * another Redis connection, with no order against the Worker's listener, so the count could lag.
 */
const proveFailed = createNotifier();
const workerLog = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      const { msg, queue } = JSON.parse(line) as { msg?: string; queue?: string };
      if (msg === "job failed" && queue === QUEUES.prove) proveFailed.notify();
    }
    done();
  },
});

describe("a report that fails for good", () => {
  let database: TestDatabase;
  let db: Db;
  let shutdown: Shutdown;
  let worker: RunningWorker;
  let reportId: number;
  const metrics = createMetrics();
  const prefix = `terminal-${Date.now()}`;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // Scored by a model the prover's circuit is not for: a mismatch no retry can fix.
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO report (epoch, first_feed_index, operator_ids, model_sha256, feature_version, features, scores_bps)
       VALUES (32, 0, ARRAY['op-a'], $1, 'v1', '[[0]]', ARRAY[100]) RETURNING id`,
      ["ab".repeat(32)],
    );
    reportId = rows[0].id;
    const config = loadConfig({
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: "silent",
        FOLLOW_POLL_MS: "100",
      },
    });
    shutdown = createShutdown(logger, { handleSignals: false });
    // Set before the worker starts, so no failure goes unseen.
    const workerLogger = createLogger({ level: "error", pretty: false, destination: workerLog });
    worker = await startWorker({
      common: { config, logger: workerLogger, metrics, shutdown },
      roles: ["prove"],
      queuePrefix: prefix,
      backoffMs: 50,
    });
  });

  after(async () => {
    await worker?.queues.prove.queue.obliterate({ force: true }).catch(() => undefined);
    await shutdown?.run("test done");
    await db?.close();
    await database?.drop();
  });

  const report = async () =>
    (await db.pool.query(`SELECT status, error_code, error FROM report WHERE id = $1`, [reportId]))
      .rows[0];
  const job = () => worker.queues.prove.queue.getJob(proveJobId(reportId));
  const waitFor = (what: string, check: () => Promise<boolean>) =>
    proveFailed.until(check, { timeoutMs: 60_000, what });

  it("is failed with the project's code and stays failed through reconciliation", async () => {
    await waitFor("failure", async () => (await report()).status === "failed");
    assert.deepEqual(await report(), {
      status: "failed",
      error_code: "PIPELINE_MODEL_MISMATCH",
      error: (await report()).error,
    });
    assert.match((await report()).error, /was scored by model/);
    const failedJob = await job();
    assert.ok(failedJob && (await failedJob.isFailed()));
    const finishedOn = failedJob.finishedOn;
    const failures = (await metrics.queue.failures.get()).values.filter(
      (v) => v.labels.queue === "prove-report",
    );
    assert.deepEqual(
      failures.map((v) => [v.labels.code, v.value]),
      [["PIPELINE_MODEL_MISMATCH", 1]],
    );

    for (let round = 0; round < 5; round++) await worker.reconcile();
    // Whatever reconciliation enqueued has run once the prove queue is idle again.
    await waitFor("the prove queue idle", async () => {
      const counts = await worker.queues.prove.queue.getJobCounts(
        "waiting",
        "active",
        "delayed",
        "prioritized",
      );
      return Object.values(counts).every((n) => n === 0);
    });
    assert.equal((await report()).status, "failed");
    assert.equal((await job())?.finishedOn, finishedOn, "the prove job was not run again");
    assert.equal((await job())?.attemptsMade, failedJob.attemptsMade);
  });

  it("goes back to the prover only through `cli report retry`", async () => {
    const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" };
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/bin/cli.ts",
        "report",
        "retry",
        String(reportId),
        "--queue-prefix",
        prefix,
      ],
      { env },
    );
    assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()!), {
      reportId,
      status: "pending",
      previousCode: "PIPELINE_MODEL_MISMATCH",
    });
    // The worker proves it again (and, the model still being wrong, it fails again, once).
    await waitFor(
      "second failure",
      async () =>
        (await metrics.queue.failures.get()).values.find((v) => v.labels.queue === "prove-report")
          ?.value === 2,
    );
    await waitFor("failed again", async () => (await report()).status === "failed");
    assert.equal((await report()).error_code, "PIPELINE_MODEL_MISMATCH");
    // A report that is not failed cannot be retried.
    await db.pool.query(`UPDATE report SET status = 'posted' WHERE id = $1`, [reportId]);
    await assert.rejects(
      run(
        process.execPath,
        [
          "--import",
          "tsx",
          "src/bin/cli.ts",
          "report",
          "retry",
          String(reportId),
          "--queue-prefix",
          prefix,
        ],
        { env },
      ),
      /exit code 1|Command failed/,
    );
  });
});
