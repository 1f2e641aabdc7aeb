/**
 * A staged read survives encodeStagedRead → PostgreSQL bytes → decodeStagedRead unchanged, and a
 * read staged in another format or cut short is refused with INGEST_STAGED_CORRUPT (the staging
 * then discards it and reads the epoch again), never decoded into wrong columns.
 */
import assert from "node:assert/strict";
import { serialize } from "node:v8";
import { describe, it } from "node:test";
import { validatorColumnsOf, type ValidatorJson } from "../beacon/index.js";
import { decodeStagedRead } from "./decodeStagedRead.js";
import { encodeStagedRead } from "./encodeStagedRead.js";
import type { ReadEpochInputsReturnType } from "./readEpochInputs.js";

const FAR = "18446744073709551615";
const validator = (i: number, status: string): ValidatorJson => ({
  index: String(i),
  balance: String(32_000_000_000 + i * 1_000_003),
  status,
  validator: {
    pubkey: `0x${String(i).padStart(2, "0").repeat(48)}`,
    withdrawal_credentials: `0x01${"00".repeat(11)}${String(i + 10).repeat(20)}`,
    effective_balance: "32000000000",
    slashed: i === 2,
    activation_eligibility_epoch: "0",
    activation_epoch: String(i),
    exit_epoch: i === 1 ? "9" : FAR,
    withdrawable_epoch: FAR,
  },
});

const read: ReadEpochInputsReturnType = {
  stateSlot: 352,
  dependentRoot: `0x${"ab".repeat(32)}`,
  inputs: {
    epoch: 10,
    validators: validatorColumnsOf([
      validator(0, "active_ongoing"),
      validator(1, "active_exiting"),
      validator(2, "active_slashed"),
    ]),
    rewards: {
      ideal: [{ effectiveBalance: 32e9, head: 1.5, target: 2, source: 3, inactivity: 0 }],
      validatorIndex: Int32Array.from([0, 1, 2]),
      head: Float64Array.from([1, 0, 0]),
      target: Float64Array.from([2, 2, -2]),
      source: Float64Array.from([3, 3, -3]),
      inactivity: Float64Array.from([0, 0, -7]),
    },
    duties: [{ slot: 320, validatorIndex: 1 }],
    blocks: [null],
    syncCommittee: [2, 0],
  },
};

/** As PostgreSQL hands them back: copies at an odd offset, so no column is aligned. */
const throughPg = (parts: Buffer[]) =>
  parts.map((p) => {
    const b = Buffer.alloc(p.length + 1);
    p.copy(b, 1);
    return b.subarray(1);
  });

describe("staged read encoding", () => {
  it("decodes what it encoded, every validator column included", () => {
    const back = decodeStagedRead(throughPg(encodeStagedRead(read)));
    assert.deepEqual(back, read);
    assert.equal(back.inputs.validators.count, 3);
    assert.deepEqual(back.inputs.validators.statuses, [
      "active_ongoing",
      "active_exiting",
      "active_slashed",
    ]);
    assert.equal(back.inputs.validators.exitEpoch[1], 9);
  });

  it("refuses a read staged in another format or cut short", () => {
    const parts = encodeStagedRead(read);
    const corrupt = { code: "INGEST_STAGED_CORRUPT" };
    // The previous format: V8-serialized validator objects in chunks, no format field.
    const older = [serialize({ ...read, inputs: { ...read.inputs, validators: undefined } })];
    assert.throws(() => decodeStagedRead(older), corrupt);
    assert.throws(() => decodeStagedRead(parts.slice(0, -1)), corrupt);
    const cut = [...parts];
    cut[3] = cut[3].subarray(1);
    assert.throws(() => decodeStagedRead(cut), corrupt);
    assert.throws(() => decodeStagedRead([Buffer.from("not v8"), ...parts.slice(1)]), corrupt);
  });
});
