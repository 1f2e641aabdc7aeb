import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { getClient, type ApiClient } from "@lodestar/api";
import { chainConfigFromJson, createChainForkConfig } from "@lodestar/config";
import {
  FaultRuleInvalidError,
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "./index.js";

describe("simulator: fault injection", () => {
  let sim: StartSimulatorReturnType;
  let api: ApiClient;
  const path = "/eth/v1/beacon/states/head/finality_checkpoints";
  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("test") });
    sim.advanceToEpoch(4);
    const spec = (await (await fetch(`${sim.url}/eth/v1/config/spec`)).json()) as {
      data: Record<string, unknown>;
    };
    api = getClient(
      { baseUrl: sim.url, globalInit: { timeoutMs: 500 } },
      { config: createChainForkConfig(chainConfigFromJson(spec.data)) },
    );
  });
  after(() => sim.close());

  it("5xx answers the standard error JSON, then clears after `times`", async () => {
    sim.faults.inject({ path: "finality_checkpoints", kind: "5xx", status: 503, times: 1 });
    const res = await fetch(sim.url + path);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { code: 503, message: "Injected server error" });
    assert.equal((await fetch(sim.url + path)).status, 200);
  });

  it("timeout hangs until the client gives up", async () => {
    sim.faults.inject({ path: "finality_checkpoints", kind: "timeout", times: 1 });
    await assert.rejects(
      api.beacon.getStateFinalityCheckpoints({ stateId: "head" }),
      /timeout|aborted/i,
    );
  });

  it("slow delays the answer", async () => {
    sim.faults.inject({ path: "finality_checkpoints", kind: "slow", ms: 300, times: 1 });
    const t = Date.now();
    assert.equal((await fetch(sim.url + path)).status, 200);
    assert.ok(Date.now() - t >= 290);
  });

  it("truncate cuts a JSON body mid-way, including a streamed one", async () => {
    sim.faults.inject({ path: "finality_checkpoints|validators", kind: "truncate", times: 2 });
    await assert.rejects(fetch(sim.url + path).then((r) => r.json()));
    await assert.rejects(
      fetch(`${sim.url}/eth/v1/beacon/states/head/validators`).then((r) => r.json()),
    );
  });

  it("malformed answers invalid JSON with status 200", async () => {
    sim.faults.inject({ path: "finality_checkpoints", kind: "malformed", times: 1 });
    const res = await fetch(sim.url + path);
    assert.equal(res.status, 200);
    await assert.rejects(res.json(), SyntaxError);
  });

  it("down closes the connection", async () => {
    sim.faults.inject({ path: ".*", kind: "down" });
    await assert.rejects(fetch(sim.url + path));
    sim.faults.clear();
    assert.equal((await fetch(sim.url + path)).status, 200);
  });

  it("rules come over the admin API too, and bad rules are refused", async () => {
    const res = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "node/version", kind: "5xx", times: 1 }),
    });
    assert.equal(res.status, 200);
    assert.equal((await fetch(`${sim.url}/eth/v1/node/version`)).status, 500);
    const bad = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "(", kind: "5xx" }),
    });
    assert.equal(bad.status, 400);
    assert.throws(
      () => sim.faults.inject({ path: "x", kind: "nope" as never }),
      FaultRuleInvalidError,
    );
  });
});
