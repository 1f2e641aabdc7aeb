import assert from "node:assert/strict";
import { test } from "node:test";
import { errorCode } from "./errorCode.js";
import { BaseError, isRetryable } from "./errors.js";
import { createLogger } from "./logger.js";
import { createShutdown } from "./shutdown.js";
import { ShutdownError } from "./shutdownError.js";
import { sleep } from "./sleep.js";

const logger = createLogger({ level: "silent" });

test("the shutdown signal aborts with a coded, retryable ShutdownError", async () => {
  const shutdown = createShutdown(logger, { handleSignals: false });
  const waiting = sleep(60_000, shutdown.signal);
  await shutdown.run("test");
  assert.equal(shutdown.signal.aborted, true);
  const reason: unknown = shutdown.signal.reason;
  assert.ok(reason instanceof ShutdownError);
  assert.ok(reason instanceof BaseError);
  assert.equal(reason.code, "SHUTDOWN");
  assert.equal(reason.message, "shutdown: test");
  assert.deepEqual(reason.meta, { reason: "test" });
  assert.equal(errorCode(reason), "SHUTDOWN");
  // What a sleep or a backoff waiting on the signal rejects with.
  await assert.rejects(waiting, (e) => e === reason);
});

test("a job cut off by the shutdown is retryable, so the next process takes it again", async () => {
  const shutdown = createShutdown(logger, { handleSignals: false });
  await shutdown.run("SIGTERM");
  // src/queue (toBullError) and the pipeline (failReport) decide by isRetryable alone; a plain
  // Error with the same message would have failed the job for good.
  assert.equal(isRetryable(new Error("shutdown: SIGTERM")), false);
  assert.equal(isRetryable(shutdown.signal.reason), true);
});

test("cleanups run once, last registered first; later calls return the same promise", async () => {
  const shutdown = createShutdown(logger, { handleSignals: false });
  const closed: string[] = [];
  shutdown.add("first", () => void closed.push("first"));
  shutdown.add("second", async () => void closed.push("second"));
  const running = shutdown.run("test");
  assert.equal(shutdown.isShuttingDown, true);
  assert.equal(shutdown.run("again"), running);
  await running;
  assert.deepEqual(closed, ["second", "first"]);
  assert.equal((shutdown.signal.reason as ShutdownError).meta?.reason, "test");
});
