/**
 * The spec's `get_next_sync_committee_indices` samples the active validators by effective balance
 * and does not look at `slashed`: a slashed validator still active at the period's start can be
 * drawn for the committee (it then misses its duty, as it does its attestations).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createChain } from "./index.js";

describe("simulator sync committees", () => {
  it("draws from the active validators, slashed ones included", () => {
    // Half the validators slashed at 253 stay active until 258, past period 1's start (256).
    const chain = createChain({
      name: "sync-slashed",
      seed: "sync-slashed",
      preset: "mainnet",
      validatorCount: 64,
      operators: [
        {
          id: "op-s",
          name: "S",
          validatorCount: 64,
          withdrawalAddress: "0x00000000000000000000000000000000000000a1",
          slashings: [{ epoch: 253, type: "attester", count: 32 }],
        },
      ],
    });
    const { schedule } = chain;
    const start = 256;
    const members = [...schedule.syncCommittee(1)];
    assert.equal(members.length, 512);
    assert.ok(members.every((v) => schedule.isActive(v, start)));
    const slashed = members.filter((v) => schedule.isSlashedAt(v, start)).length;
    // 512 draws among 64 validators of which 32 slashed: about half the seats.
    assert.ok(slashed > 128 && slashed < 384, `${slashed} of 512 seats slashed`);
  });
});
