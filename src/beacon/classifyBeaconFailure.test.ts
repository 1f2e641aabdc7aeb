import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "@lodestar/api";
import { classifyBeaconFailure } from "./classifyBeaconFailure.js";

const classify = (failure: unknown) =>
  classifyBeaconFailure("getStateValidators", failure, "http://node");

test("an answer is read from its typed fields: status and the body's message", () => {
  const notServed = classify(
    new ApiError("No state found for id 'head'", 404, "getStateValidators"),
  );
  assert.equal(notServed.code, "BEACON_NOT_SERVED");
  assert.equal(notServed.status, 404);
  assert.equal(notServed.retryable, false);
  const server = classify(new ApiError("Internal error", 503, "getStateValidators"));
  assert.deepEqual(
    [server.code, server.status, server.retryable],
    ["BEACON_HTTP_ERROR", 503, true],
  );
  const bad = classify(new ApiError("Invalid validator id", 400, "getStateValidators"));
  assert.deepEqual([bad.code, bad.retryable], ["BEACON_HTTP_ERROR", false]);
});

test("a not-served wording outside the body's message, or a plain error naming a timeout, is not classified by it", () => {
  // The operation id is not the message: only the body's own message counts.
  const elsewhere = classify(new ApiError("Bad request", 400, "No state found for id 'x'"));
  assert.equal(elsewhere.code, "BEACON_HTTP_ERROR");
  const wording = classify(new Error("the node's timeout setting is invalid"));
  assert.equal(wording.code, "BEACON_NETWORK_ERROR");
});

test("timeouts by name or class, connection failures by their system code", async () => {
  const aborted = await fetch("http://127.0.0.1:9", { signal: AbortSignal.timeout(0) }).catch(
    (error: unknown) => error,
  );
  // Either the timeout fired first or the refused connection did: each has its own typed field.
  assert.ok(["BEACON_TIMEOUT", "BEACON_NETWORK_ERROR"].includes(classify(aborted).code));
  class TimeoutError extends Error {}
  assert.equal(classify(new TimeoutError("getStateValidators request")).code, "BEACON_TIMEOUT");
  const refused = await fetch("http://127.0.0.1:9").catch((error: unknown) => error);
  const network = classify(refused);
  assert.deepEqual([network.code, network.retryable], ["BEACON_NETWORK_ERROR", true]);
  const connectTimeout = Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect"), { code: "UND_ERR_CONNECT_TIMEOUT" }),
  });
  assert.equal(classify(connectTimeout).code, "BEACON_TIMEOUT");
});

test("a body that does not parse or decode is malformed and retryable", () => {
  const syntax = classify(new SyntaxError("Unexpected end of JSON input"));
  assert.deepEqual([syntax.code, syntax.retryable], ["BEACON_MALFORMED_RESPONSE", true]);
  assert.equal(
    classify(new RangeError("Offset is outside the bounds of the DataView")).code,
    "BEACON_MALFORMED_RESPONSE",
  );
});
