import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { getClient, type ApiClient } from "@lodestar/api";
import { chainConfigFromJson, createChainForkConfig } from "@lodestar/config";
import { ssz } from "@lodestar/types";
import { loadScenario, startSimulator, toHex, type StartSimulatorReturnType } from "./index.js";

describe("simulator: every endpoint parses with @lodestar/api", () => {
  let sim: StartSimulatorReturnType;
  let api: ApiClient;

  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    sim.advanceToEpoch(6);
    const spec = (await (await fetch(`${sim.url}/eth/v1/config/spec`)).json()) as {
      data: Record<string, unknown>;
    };
    const config = createChainForkConfig(chainConfigFromJson(spec.data));
    api = getClient({ baseUrl: sim.url }, { config });
  });
  after(() => sim.close());

  it("node, spec and genesis", async () => {
    assert.match((await api.node.getNodeVersion()).value().version, /BeaconSim/);
    assert.equal((await api.node.getSyncingStatus()).value().headSlot, 6 * 32);
    assert.equal((await api.node.getHealth()).status, 200);
    const spec = (await api.config.getSpec()).value();
    assert.equal(spec.ELECTRA_FORK_EPOCH, "0");
    assert.equal(spec.SLOTS_PER_EPOCH, "32");
    const genesis = (await api.beacon.getGenesis()).value();
    assert.equal(genesis.genesisTime, sim.chain.genesisTime);
  });

  it("finality checkpoints for named, slot and root state ids", async () => {
    const head = (await api.beacon.getStateFinalityCheckpoints({ stateId: "head" })).value();
    assert.equal(head.finalized.epoch, 4);
    assert.equal(head.currentJustified.epoch, 5);
    const bySlot = (await api.beacon.getStateFinalityCheckpoints({ stateId: 100 })).value();
    assert.equal(bySlot.finalized.epoch, 1);
    const root = toHex(sim.chain.stateRoot(100));
    const byRoot = (await api.beacon.getStateFinalityCheckpoints({ stateId: root })).value();
    assert.deepEqual(byRoot, bySlot);
    const beyond = await api.beacon.getStateFinalityCheckpoints({ stateId: 10_000 });
    assert.equal(beyond.status, 404);
  });

  it("validators (GET with filters, POST) and balances", async () => {
    const all = (await api.beacon.getStateValidators({ stateId: "head" })).value();
    assert.equal(all.length, 256);
    assert.equal(all[0].validator.effectiveBalance, 32e9);
    const some = (
      await api.beacon.postStateValidators({
        stateId: "head",
        validatorIds: [1, toHex(sim.chain.pubkey(5))],
      })
    ).value();
    assert.deepEqual(
      some.map((v) => v.index),
      [1, 5],
    );
    const slashed = (
      await api.beacon.getStateValidators({
        stateId: "head",
        statuses: ["active_slashed", "exited_slashed"],
      })
    ).value();
    assert.equal(slashed.length, 5);
    assert.ok(slashed.every((v) => v.validator.slashed));
    const balances = (
      await api.beacon.getStateValidatorBalances({ stateId: "head", validatorIds: [0, 1] })
    ).value();
    assert.equal(balances.length, 2);
    const posted = (
      await api.beacon.postStateValidatorBalances({ stateId: "finalized", validatorIds: [] })
    ).value();
    assert.equal(posted.length, 256);
  });

  it("attestation, block and sync-committee rewards", async () => {
    const rewards = (await api.beacon.getAttestationsRewards({ epoch: 3 })).value();
    assert.ok(rewards.idealRewards.length >= 1);
    assert.ok(rewards.totalRewards.length > 200);
    const some = (
      await api.beacon.getAttestationsRewards({ epoch: 3, validatorIds: [96, 97] })
    ).value();
    assert.equal(some.totalRewards.length, 2);
    assert.ok(some.totalRewards[0].target < 0, "offline validator is penalised on target");
    const notYet = await api.beacon.getAttestationsRewards({ epoch: 6 });
    assert.equal(notYet.status, 404);
    const block = (await api.beacon.getBlockRewards({ blockId: 68 })).value();
    assert.equal(block.proposerIndex, sim.chain.schedule.proposer(68));
    assert.ok(block.total > 0);
    const sync = (
      await api.beacon.getSyncCommitteeRewards({ blockId: 68, validatorIds: [] })
    ).value();
    assert.ok(sync.length > 0);
  });

  it("blocks as JSON and SSZ, headers, 404 for a missed slot", async () => {
    const json = await api.beacon.getBlockV2({ blockId: 68 }, { responseWireFormat: "json" });
    const block = json.value();
    assert.equal(json.meta().version, "electra");
    assert.equal(block.message.slot, 68);
    const root = toHex(ssz.electra.BeaconBlock.hashTreeRoot(block.message as never));
    assert.equal(root, toHex(sim.chain.blockRootAt(68)));
    const viaSsz = await api.beacon.getBlockV2({ blockId: 68 }, { responseWireFormat: "ssz" });
    assert.equal(viaSsz.wireFormat(), "ssz");
    assert.equal(
      toHex(ssz.electra.BeaconBlock.hashTreeRoot(viaSsz.value().message as never)),
      root,
    );
    const missed = await api.beacon.getBlockV2({ blockId: 70 });
    assert.equal(missed.status, 404);
    const header = (await api.beacon.getBlockHeader({ blockId: 69 })).value();
    assert.equal(toHex(header.header.message.parentRoot), root);
    const headers = (await api.beacon.getBlockHeaders({ slot: 68 })).value();
    assert.equal(toHex(headers[0].root), root);
    const byRoot = (await api.beacon.getBlockV2({ blockId: root })).value();
    assert.equal(byRoot.message.slot, 68);
  });

  it("proposer duties, committees, sync committees, randao", async () => {
    const duties = await api.validator.getProposerDuties({ epoch: 2 });
    assert.equal(duties.value().length, 32);
    assert.equal(duties.meta().dependentRoot, toHex(sim.chain.blockRootAt(63)));
    const committees = (await api.beacon.getEpochCommittees({ stateId: "head", epoch: 5 })).value();
    assert.equal(committees.length, 32);
    const sync = (await api.beacon.getEpochSyncCommittees({ stateId: "head" })).value();
    assert.equal(sync.validators.length, 512);
    const randao = (await api.beacon.getStateRandao({ stateId: "head", epoch: 4 })).value();
    assert.equal(randao.randao.length, 32);
  });
});
