import assert from "node:assert/strict";
import { test } from "node:test";
import { UnrecoverableError } from "bullmq";
import { BaseError } from "../common/errors.js";
import { ShutdownError } from "../common/shutdownError.js";
import { toBullError } from "./toBullError.js";

test("a job cut off by the shutdown stays retryable; a non-retryable error fails at once", () => {
  const cutOff = new ShutdownError("SIGTERM");
  assert.equal(toBullError(cutOff), cutOff);
  assert.ok(!(toBullError(cutOff) instanceof UnrecoverableError));

  const corrupt = new BaseError("PROVING_KEY_CORRUPT", "key corrupt", { retryable: false });
  const wrapped = toBullError(corrupt);
  assert.ok(wrapped instanceof UnrecoverableError);
  assert.equal((wrapped as { cause?: unknown }).cause, corrupt);
});
