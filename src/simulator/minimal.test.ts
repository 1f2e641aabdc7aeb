import "./useMinimalPreset.js";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { getClient, type ApiClient } from "@lodestar/api";
import { chainConfigFromJson, createChainForkConfig } from "@lodestar/config";
import { ssz } from "@lodestar/types";
import { loadScenario, startSimulator, toHex, type StartSimulatorReturnType } from "./index.js";

describe("simulator: the minimal-preset demo scenario", () => {
  let sim: StartSimulatorReturnType;
  let api: ApiClient;
  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("demo"), storage: "archive" });
    sim.advanceToEpoch(22);
    const spec = (await (await fetch(`${sim.url}/eth/v1/config/spec`)).json()) as {
      data: Record<string, unknown>;
    };
    api = getClient(
      { baseUrl: sim.url },
      { config: createChainForkConfig(chainConfigFromJson(spec.data)) },
    );
  });
  after(() => sim.close());

  it("serves minimal-preset constants and Electra blocks with multi-committee attestations", async () => {
    const spec = (await api.config.getSpec()).value();
    assert.equal(spec.SLOTS_PER_EPOCH, "8");
    assert.equal(spec.SYNC_COMMITTEE_SIZE, "32");
    const head = (await api.beacon.getBlockV2({ blockId: "head" })).value();
    const attestation = head.message.body.attestations[0] as {
      committeeBits: { getTrueBitIndexes(): number[] };
    };
    assert.ok(
      attestation.committeeBits.getTrueBitIndexes().length > 1,
      "several committees per aggregate",
    );
    assert.equal(
      toHex(ssz.electra.BeaconBlock.hashTreeRoot(head.message as never)),
      toHex(sim.chain.blockRootAt(sim.headSlot())),
    );
  });

  it("the slashing cluster of op-delta appears in a block and in the registry", async () => {
    const cluster = sim.chain.epochTruth(20).slashings;
    assert.equal(cluster.length, 8);
    assert.ok(cluster.every((s) => s.operatorId === "op-delta"));
    const slashed = (
      await api.beacon.getStateValidators({ stateId: "head", statuses: ["active_slashed"] })
    ).value();
    assert.equal(slashed.length, 10);
  });

  it("an offline operator earns negative attestation rewards", async () => {
    const op = sim.chain.operators.find((o) => o.id === "op-borealis")!;
    const ids = [op.firstIndex, op.firstIndex + 1];
    const rewards = (
      await api.beacon.getAttestationsRewards({ epoch: 13, validatorIds: ids })
    ).value();
    assert.equal(rewards.totalRewards.length, ids.length);
    assert.ok(rewards.totalRewards.every((r) => r.source < 0 && r.target < 0 && r.head === 0));
  });
});
