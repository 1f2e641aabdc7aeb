import assert from "node:assert/strict";
import { test } from "node:test";
import { BaseError } from "./errors.js";
import { retry } from "./retry.js";

const transient = () => new BaseError("TEST_TRANSIENT", "try again", { retryable: true });
const final = () => new BaseError("TEST_FINAL", "never works", { retryable: false });

test("retries a retryable failure and returns the first success", async () => {
  const attempts: number[] = [];
  const result = await retry(
    (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw transient();
      return "ok";
    },
    { delayMs: 1 },
  );
  assert.equal(result, "ok");
  assert.deepEqual(attempts, [1, 2, 3]);
});

test("throws the last failure as thrown once the retries run out", async () => {
  let calls = 0;
  const last = transient();
  await assert.rejects(
    retry(
      () => {
        calls++;
        throw last;
      },
      { retries: 2, delayMs: 1 },
    ),
    (e) => e === last,
  );
  assert.equal(calls, 3);
});

test("a failure that is not retryable is thrown at once (default shouldRetry: the error's own flag)", async () => {
  let calls = 0;
  await assert.rejects(
    retry(
      () => {
        calls++;
        throw final();
      },
      { delayMs: 1 },
    ),
    { code: "TEST_FINAL" },
  );
  assert.equal(calls, 1);
});

test("shouldRetry decides, with the error and the attempt", async () => {
  const seen: [string, number][] = [];
  await assert.rejects(
    retry(
      () => {
        throw new Error("plain");
      },
      {
        delayMs: 1,
        shouldRetry: (e, attempt) => (seen.push([(e as Error).message, attempt]), attempt < 2),
      },
    ),
    /plain/,
  );
  assert.deepEqual(seen, [
    ["plain", 1],
    ["plain", 2],
  ]);
});

test("delays grow by the factor, are capped, and the jitter takes up to its share off each", async () => {
  const delays: number[] = [];
  await assert.rejects(
    retry(
      () => {
        throw transient();
      },
      {
        retries: 4,
        delayMs: 4,
        factor: 2,
        maxDelayMs: 20,
        jitter: 0.5,
        random: () => 1,
        onRetry: (_e, _a, d) => delays.push(d),
      },
    ),
  );
  // full delays 4, 8, 16, 20 (capped); random() = 1 takes the whole jitter share (half) off each
  assert.deepEqual(delays, [2, 4, 8, 10]);
  const noJitter: number[] = [];
  await assert.rejects(
    retry(() => Promise.reject(transient()), {
      retries: 2,
      delayMs: 3,
      jitter: 0,
      onRetry: (_e, _a, d) => noJitter.push(d),
    }),
  );
  assert.deepEqual(noJitter, [3, 6]);
});

test("onRetry sees each failure and the attempt that failed, before the wait", async () => {
  const calls: [string, number][] = [];
  await retry(
    (attempt) => {
      if (attempt === 1) throw transient();
      return attempt;
    },
    { delayMs: 1, onRetry: (e, attempt) => calls.push([(e as BaseError).code, attempt]) },
  );
  assert.deepEqual(calls, [["TEST_TRANSIENT", 1]]);
});

test("an abort during a wait ends it at once with the signal's reason, and no further call is made", async () => {
  const controller = new AbortController();
  let calls = 0;
  const started = Date.now();
  await assert.rejects(
    retry(
      () => {
        calls++;
        throw transient();
      },
      // The first wait is an hour: only the abort can end it within the test's time.
      {
        delayMs: 3_600_000,
        jitter: 0,
        signal: controller.signal,
        onRetry: () => controller.abort(new Error("stopped")),
      },
    ),
    /stopped/,
  );
  assert.equal(calls, 1);
  assert.ok(Date.now() - started < 10_000);
});

test("an already aborted signal makes no call", async () => {
  let calls = 0;
  await assert.rejects(
    retry(() => ++calls, { signal: AbortSignal.abort(new Error("gone")) }),
    /gone/,
  );
  assert.equal(calls, 0);
});
