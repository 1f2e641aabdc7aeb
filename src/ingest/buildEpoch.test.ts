/**
 * The per-epoch metric computations on a hand-made epoch of four validators, every figure
 * worked out by hand from the inputs below.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  validatorColumnsOf,
  type AttestationRewards,
  type BlockFacts,
  type ValidatorJson,
} from "../beacon/index.js";
import { buildEpoch } from "./buildEpoch.js";
import {
  FLAG_DUTY,
  FLAG_HEAD_HIT,
  FLAG_SLASHED,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
  getBalance,
} from "../db/packedEpoch.js";
import { emptyRegistry } from "../db/registrySnapshot.js";

const FAR = "18446744073709551615";
function validator(
  index: number,
  balance: number,
  opts: Partial<{ status: string; slashed: boolean; exit: string }> = {},
): ValidatorJson {
  return {
    index: String(index),
    balance: String(balance),
    status: opts.status ?? "active_ongoing",
    validator: {
      pubkey: `0x${String(index).padStart(96, "0")}`,
      withdrawal_credentials: `0x01${"00".repeat(11)}${"aa".repeat(20)}`,
      effective_balance: "32000000000",
      slashed: opts.slashed ?? false,
      activation_eligibility_epoch: "0",
      activation_epoch: "0",
      exit_epoch: opts.exit ?? FAR,
      withdrawable_epoch: FAR,
    },
  };
}

function block(
  slot: number,
  proposerIndex: number,
  syncBits: boolean[],
  extra: Partial<BlockFacts> = {},
): BlockFacts {
  return {
    slot,
    proposerIndex,
    blockRoot: new Uint8Array(32).fill(slot),
    slashings: [],
    syncBits,
    withdrawals: [],
    deposits: [],
    attestationCount: 0,
    ...extra,
  };
}

describe("buildEpoch", () => {
  const epoch = 10;
  const validators = validatorColumnsOf([
    validator(0, 32_000_000_100),
    validator(1, 32_000_000_050),
    validator(2, 31_999_000_000, { status: "active_slashed", slashed: true }),
    validator(3, 32_000_000_000),
  ]);
  // Rewards: v0 perfect; v1 missed head only; v2 missed everything (source/target penalised); v3 perfect.
  const rewards: AttestationRewards = {
    ideal: [{ effectiveBalance: 32e9, head: 3000, target: 5600, source: 3000, inactivity: 0 }],
    validatorIndex: Int32Array.from([0, 1, 2, 3]),
    head: Float64Array.from([3000, 0, 0, 3000]),
    target: Float64Array.from([5600, 5600, -5700, 5600]),
    source: Float64Array.from([3000, 3000, -3100, 3000]),
    inactivity: Float64Array.from([0, 0, 0, 0]),
  };
  // Operators: v0, v1 -> op 0; v2, v3 -> op 1.
  const operatorOf = (i: number) => (i < 2 ? 0 : 1);
  // Previous balances (lo/hi u32 pairs): 32 ETH each.
  const previous = new Uint32Array(8);
  for (let i = 0; i < 4; i++) {
    previous[i * 2] = 32e9 % 2 ** 32;
    previous[i * 2 + 1] = Math.floor(32e9 / 2 ** 32);
  }
  const blocks = [
    block(40, 0, [true, true]),
    null, // slot 41: v2's duty, missed
    block(42, 3, [true, false], {
      withdrawals: [{ validatorIndex: 3, amountGwei: 1_000 }],
      slashings: [{ type: "attester", position: 0, offendingIndices: [2], evidence: {} }],
    }),
    block(43, 1, [false, false]),
  ];
  const built = buildEpoch(
    {
      epoch,
      validators,
      rewards,
      duties: [40, 41, 42, 43].map((slot, k) => ({ slot, validatorIndex: [0, 2, 3, 1][k] })),
      blocks,
      syncCommittee: [1, 2],
    },
    { registry: emptyRegistry(), previousBalance: previous, operatorOf },
  );

  it("packs balances and flags", () => {
    assert.equal(getBalance(built.packed, 0), 32_000_000_100);
    assert.equal(getBalance(built.packed, 2), 31_999_000_000);
    assert.equal(
      built.packed.flags[0],
      FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT | FLAG_HEAD_HIT,
    );
    assert.equal(built.packed.flags[1], FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT);
    assert.equal(built.packed.flags[2], FLAG_DUTY | FLAG_SLASHED);
    assert.equal(built.packed.effectiveBalanceEth[3], 32);
  });

  it("sums attestation rewards, ideals and misses per operator", () => {
    const a = built.operators.get(0)!.attestations;
    assert.deepEqual(
      [
        a.duties,
        a.sourceEarned,
        a.targetEarned,
        a.headEarned,
        a.sourceIdeal,
        a.targetIdeal,
        a.headIdeal,
        a.sourceMisses,
        a.targetMisses,
        a.headMisses,
      ],
      [2, 6000, 11200, 3000, 6000, 11200, 6000, 0, 0, 1],
    );
    // op 1: v3 only, v2 is slashed (see below).
    const b = built.operators.get(1)!.attestations;
    assert.deepEqual(
      [
        b.duties,
        b.sourceEarned,
        b.targetEarned,
        b.headEarned,
        b.sourceMisses,
        b.targetMisses,
        b.headMisses,
      ],
      [1, 3000, 5600, 3000, 0, 0, 0],
    );
  });

  it("counts proposals against produced blocks", () => {
    // Every duty is recorded, the slashed v2's too; the tallies leave v2 out (see below).
    assert.deepEqual(
      built.proposals.map((p) => [p.slot, p.proposerIndex, p.produced]),
      [
        [40, 0, true],
        [41, 2, false],
        [42, 3, true],
        [43, 1, true],
      ],
    );
    assert.deepEqual(
      [built.operators.get(0)!.proposals.duties, built.operators.get(0)!.proposals.produced],
      [2, 2],
    );
    assert.deepEqual(
      [built.operators.get(1)!.proposals.duties, built.operators.get(1)!.proposals.produced],
      [1, 1],
    );
    assert.deepEqual([built.network.proposals.duties, built.network.proposals.produced], [3, 3]);
  });

  it("counts sync participation over the epoch's blocks", () => {
    // Three blocks carry a sync aggregate; position 0 (v1) signed 2, position 1 (v2) signed 1.
    assert.equal(built.sync.slotsWithBlock, 3);
    assert.deepEqual([...built.sync.participated], [2, 1]);
    assert.deepEqual(
      [built.operators.get(0)!.sync.duties, built.operators.get(0)!.sync.participated],
      [3, 2],
    );
    assert.deepEqual([built.network.sync.duties, built.network.sync.participated], [3, 2]);
  });

  it("leaves a slashed, still active validator out of every performance tally, not out of the counts", () => {
    // v2 (op 1) is slashed in this epoch but active until its exit: it has an attestation duty
    // (missed), a proposer duty (slot 41, missed) and a sync-committee seat (signed 1 of 3).
    // `get_unslashed_participating_indices` never counts it, so none of that is performance.
    const op1 = built.operators.get(1)!;
    assert.deepEqual(
      [op1.attestations.duties, op1.attestations.sourceMisses, op1.attestations.sourceIdeal],
      [1, 0, 3000],
    );
    assert.deepEqual([op1.proposals.duties, op1.proposals.produced], [1, 1]);
    assert.deepEqual([op1.sync.duties, op1.sync.participated], [0, 0]);
    assert.deepEqual(
      [built.network.attestations.duties, built.network.attestations.sourceMisses],
      [3, 0],
    );
    // Not performance: v2 is still one of op 1's validators, active, newly slashed, and its
    // balance change is in the delta.
    assert.deepEqual([op1.validators, op1.activeValidators, op1.newlySlashed], [2, 2, 1]);
    assert.equal(op1.effectiveBalanceGwei, 64e9);
    assert.equal(op1.balanceDeltaGwei, -1_000_000 + 1_000);
  });

  it("computes balance deltas with withdrawals added back", () => {
    // op 0: +100 +50; op 1: -1,000,000 + 0, plus v3's 1,000 gwei withdrawal.
    assert.equal(built.operators.get(0)!.balanceDeltaGwei, 150);
    assert.equal(built.operators.get(1)!.balanceDeltaGwei, -1_000_000 + 1_000);
    assert.equal(built.network.balanceDeltaGwei, 150 - 1_000_000 + 1_000);
  });

  it("records slashings and newly slashed validators", () => {
    assert.deepEqual(
      built.slashings.map((s) => [s.slot, s.type, s.offendingIndices]),
      [[42, "attester", [2]]],
    );
    assert.equal(built.operators.get(1)!.newlySlashed, 1);
    assert.equal(built.network.newlySlashed, 1);
    assert.equal(built.registryRows.length, 4, "every validator is new to an empty registry");
    assert.equal(built.changes.length, 0, "first sight records no changes");
  });

  it("during an inactivity leak counts votes by the sign of the reward, not reward > 0", () => {
    // Leak: the ideal rewards are 0 and a correct vote earns exactly 0; only misses are penalised.
    // v0 and v3 attested correctly, v1 missed everything, v2 (slashed) is penalised as the spec
    // does but left out of the tallies.
    const leak: AttestationRewards = {
      ideal: [{ effectiveBalance: 32e9, head: 0, target: 0, source: 0, inactivity: 0 }],
      validatorIndex: Int32Array.from([0, 1, 2, 3]),
      head: Float64Array.from([0, 0, 0, 0]),
      target: Float64Array.from([0, -5700, -5700, 0]),
      source: Float64Array.from([0, -3100, -3100, 0]),
      inactivity: Float64Array.from([0, -800, -800, 0]),
    };
    const b = buildEpoch(
      {
        epoch,
        validators,
        rewards: leak,
        duties: [],
        blocks: [null, null, null, null],
        syncCommittee: [],
      },
      { registry: emptyRegistry(), previousBalance: previous, operatorOf },
    );
    const all = FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT | FLAG_HEAD_HIT;
    assert.deepEqual([...b.packed.flags], [all, FLAG_DUTY, FLAG_DUTY | FLAG_SLASHED, all]);
    const n = b.network.attestations;
    assert.deepEqual(
      [n.duties, n.sourceMisses, n.targetMisses, n.headMisses, n.inactivityPenalty],
      [3, 1, 1, 1, 800],
    );
  });

  it("attributes a slashing to the epoch that includes it, not to the first epoch after a gap", () => {
    // No stored previous epoch (a gap): v2 is slashed, but its slashing is in none of these blocks.
    const afterGap = buildEpoch(
      {
        epoch,
        validators,
        rewards,
        duties: [],
        blocks: [block(40, 0, [true, true])],
        syncCommittee: [],
      },
      { registry: emptyRegistry(), previousBalance: null, operatorOf },
    );
    assert.equal(afterGap.network.newlySlashed, 0);
    // The epoch that includes it counts it, even without the previous epoch stored.
    const including = buildEpoch(
      { epoch, validators, rewards, duties: [], blocks, syncCommittee: [] },
      { registry: emptyRegistry(), previousBalance: null, operatorOf },
    );
    assert.equal(including.network.newlySlashed, 1);
    assert.deepEqual(
      including.slashings.map((s) => [s.epoch, s.slot]),
      [[epoch, 42]],
    );
  });
});
