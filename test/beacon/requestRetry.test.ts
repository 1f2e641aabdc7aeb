/**
 * The beacon client's retry (src/common retry): rounds over the nodes, `retries` more rounds
 * after the first, then BEACON_UNAVAILABLE; an abort during the backoff ends the wait at once.
 * Against the simulator's fault injection, one node.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type BeaconClient, createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";

describe("beacon client retry", () => {
  let sim: StartSimulatorReturnType;
  const getSpec = (beacon: BeaconClient) =>
    beacon.request("getSpec", async (api) => (await api.config.getSpec()).value());
  const connect = (
    retryBaseMs: number,
    signal?: AbortSignal,
    destination?: NodeJS.WritableStream,
  ) =>
    createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 2, retryBaseMs },
      logger: createLogger({ level: destination ? "warn" : "silent", destination }),
      signal,
    });

  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
  });
  after(async () => {
    await sim?.close();
  });

  it("tries 1 + retries rounds: a node failing twice is answered on the third", async () => {
    const beacon = await connect(1);
    sim.faults.inject({ path: "/config/spec", kind: "5xx", status: 503, times: 2 });
    const spec = await getSpec(beacon);
    assert.equal(spec.SLOTS_PER_EPOCH, beacon.spec.SLOTS_PER_EPOCH);
    assert.equal(sim.faults.list().length, 0, "both faults were taken");
  });

  it("a node failing every round ends in BEACON_UNAVAILABLE after exactly 3 attempts", async () => {
    const beacon = await connect(1);
    sim.faults.inject({ path: "/config/spec", kind: "5xx", status: 503, times: 4 });
    await assert.rejects(
      getSpec(beacon),
      (error: Error & { code?: string }) =>
        error.code === "BEACON_UNAVAILABLE" && /after 3 attempt\(s\)/.test(error.message),
    );
    assert.deepEqual(
      sim.faults.list().map((r) => r.times),
      [1],
      "three requests, no fourth",
    );
    sim.faults.clear();
  });

  it("an abort during the backoff rejects at once with the signal's reason", async () => {
    const controller = new AbortController();
    const lines = new PassThrough();
    const beacon = await connect(600_000, controller.signal, lines);
    sim.faults.inject({ path: "/config/spec", kind: "5xx", status: 503, times: 1 });
    const pending = getSpec(beacon);
    // The first round's failure is logged before the ten-minute wait begins.
    await once(lines, "data");
    const reason = new Error("stop");
    controller.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
    sim.faults.clear();
  });
});
