import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ssz } from "@lodestar/types";
import {
  createChain,
  Flag,
  loadScenario,
  parseScenario,
  ScenarioInvalidError,
  toHex,
} from "./index.js";

const scenario = loadScenario("test");

describe("simulator chain model", () => {
  it("is deterministic: the same scenario gives the same bytes", () => {
    const a = createChain(scenario);
    const b = createChain(loadScenario("test"));
    for (const slot of [1, 65, 96, 130, 159]) {
      const x = a.block(slot);
      const y = b.block(slot);
      assert.equal(x === null, y === null);
      if (x && y)
        assert.deepEqual(
          ssz.electra.SignedBeaconBlock.serialize(x),
          ssz.electra.SignedBeaconBlock.serialize(y),
        );
    }
    assert.deepEqual(a.epochState(5).balances, b.epochState(5).balances);
  });

  it("chains parent roots and hashes real block roots", () => {
    const chain = createChain(scenario);
    for (let slot = 1; slot < 100; slot++) {
      const block = chain.block(slot);
      if (!block) continue;
      assert.equal(toHex(block.message.parentRoot), toHex(chain.blockRootAt(slot - 1)));
      assert.equal(
        toHex(ssz.electra.BeaconBlock.hashTreeRoot(block.message)),
        toHex(chain.blockRootAt(slot)),
      );
    }
  });

  it("offline window: no flags and negative rewards for the offline half of op-b", () => {
    const chain = createChain(scenario);
    const t = chain.epochTruth(2);
    const opB = chain.operators.find((o) => o.id === "op-b")!;
    const offline = opB.firstIndex; // the first half of op-b is offline in epochs 2..3
    const online = opB.firstIndex + opB.validatorCount - 1;
    assert.equal(t.online[offline], 0);
    assert.equal(t.flags[offline], 0);
    const r = t.rewardsOf(offline);
    assert.ok(r.source < 0 && r.target < 0 && r.head === 0);
    assert.equal(t.online[online], 1);
    assert.ok(t.flags[online] & Flag.target);
    assert.ok(chain.epochTruth(5).flags[offline] & Flag.target, "back online after the window");
  });

  it("missed proposals: scheduled and operator epochs give missed slots and no block", () => {
    const chain = createChain(scenario);
    assert.equal(chain.block(70), null);
    const e4 = chain.epochTruth(4).proposals;
    const opB = chain.operators.find((o) => o.id === "op-b")!;
    for (const p of e4) {
      if (chain.operatorOf(p.proposer)?.id === opB.id) assert.equal(p.produced, false);
      if (!p.produced) assert.equal(chain.block(p.slot), null);
    }
  });

  it("slashings: in block bodies, slashed flag, status and penalty", () => {
    const chain = createChain(scenario);
    const records = chain.epochTruth(3).slashings;
    assert.equal(records.length, 3);
    const indices = records.map((r) => r.validatorIndex);
    const carrying = [96, 97, 98, 99, 100]
      .map((s) => chain.block(s))
      .find((b) => b && b.message.body.attesterSlashings.length > 0)!;
    assert.deepEqual(
      carrying.message.body.attesterSlashings[0].attestation1.attestingIndices,
      indices,
    );
    const t3 = chain.epochTruth(3);
    for (const v of indices) {
      assert.equal(t3.rewardsOf(v).slashing, 32e9 / 4096);
      assert.equal(t3.statusOf(v), "active_ongoing");
      assert.equal(chain.epochTruth(4).statusOf(v), "active_slashed");
      assert.equal(chain.epochTruth(8).statusOf(v), "exited_slashed");
    }
    const proposerSlashed = chain.epochTruth(4).slashings.map((r) => r.validatorIndex);
    const block = [128, 129, 130, 131]
      .map((s) => chain.block(s))
      .find((b) => b && b.message.body.proposerSlashings.length > 0)!;
    assert.deepEqual(
      block.message.body.proposerSlashings.map((p) => p.signedHeader1.message.proposerIndex),
      proposerSlashed,
    );
  });

  it("balances follow rewards exactly: end − start = att + proposer + sync − slashing − withdrawals", () => {
    const chain = createChain(scenario);
    for (const e of [0, 2, 3, 4]) {
      const t = chain.epochTruth(e);
      for (let i = 0; i < chain.validatorCount; i++) {
        const r = t.rewardsOf(i);
        const sum =
          r.head +
          r.target +
          r.source +
          r.inactivity +
          r.proposer +
          r.sync -
          r.slashing -
          r.withdrawals;
        assert.equal(t.balanceEnd[i] - t.balanceStart[i], sum, `validator ${i} epoch ${e}`);
      }
      assert.deepEqual(chain.epochState(e + 1).balances, t.balanceEnd);
    }
  });

  it("finality stalls in the scenario freeze finality and start the inactivity leak", () => {
    const chain = createChain({
      ...JSON.parse(JSON.stringify({ ...scenario, missedSlots: [], operators: [] })),
      finalityStalls: [{ fromEpoch: 4, toEpoch: 12 }],
    });
    assert.equal(chain.finality(10).finalized.epoch, 1);
    assert.equal(chain.finality(13).finalized.epoch, 11);
    assert.equal(chain.epochTruth(3).inLeak, false);
    assert.equal(chain.epochTruth(9).inLeak, true);
  });

  it("rejects invalid scenarios with every problem listed", () => {
    assert.throws(
      () =>
        parseScenario({ seed: 1, preset: "huge", validatorCount: -1, operators: [{ id: "x" }] }),
      (error: unknown) =>
        error instanceof ScenarioInvalidError &&
        /preset/.test(error.message) &&
        /validatorCount/.test(error.message) &&
        /withdrawalAddress/.test(error.message),
    );
  });
});
