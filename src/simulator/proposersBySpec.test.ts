/**
 * Proposers are the consensus spec's: checked against @lodestar/state-transition's reference
 * functions (`getSeed` on a real Electra BeaconState, `naiveComputeProposerIndex`), first on a
 * generated corpus of registries, then against what the simulator serves over the Beacon API.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  DOMAIN_BEACON_PROPOSER,
  EPOCHS_PER_HISTORICAL_VECTOR,
  ForkSeq,
  MIN_SEED_LOOKAHEAD,
} from "@lodestar/params";
import { getSeed, naiveComputeProposerIndex } from "@lodestar/state-transition";
import { ssz } from "@lodestar/types";
import { computeEpochProposers } from "../beacon/computeEpochProposers.js";
import { loadScenario, startSimulator, type StartSimulatorReturnType } from "./index.js";
import { createRng } from "./random.js";

/** The spec's proposers of `epoch` from a state holding `mix` where get_seed reads it. */
function referenceProposers(
  epoch: number,
  spe: number,
  mix: Uint8Array,
  active: Uint32Array,
  increments: Uint16Array,
): number[] {
  const state = ssz.electra.BeaconState.defaultViewDU();
  state.randaoMixes.set(
    (epoch + EPOCHS_PER_HISTORICAL_VECTOR - MIN_SEED_LOOKAHEAD - 1) % EPOCHS_PER_HISTORICAL_VECTOR,
    mix,
  );
  const seed = getSeed(state, epoch, DOMAIN_BEACON_PROPOSER);
  const out: number[] = [];
  for (let slot = epoch * spe; slot < (epoch + 1) * spe; slot++) {
    const slotBytes = Buffer.alloc(8);
    slotBytes.writeBigUInt64LE(BigInt(slot));
    const slotSeed = createHash("sha256").update(seed).update(slotBytes).digest();
    out.push(naiveComputeProposerIndex(ForkSeq.electra, increments, active, slotSeed));
  }
  return out;
}

describe("proposers by the consensus spec", () => {
  it("match @lodestar/state-transition's reference on a generated corpus (Electra balance weighting)", () => {
    const rng = createRng(20261201);
    let compared = 0;
    for (let k = 0; k < 12; k++) {
      const n = 1 + Math.floor(rng() * 3000);
      // Mixed registries: 32 ETH validators, compounding ones up to 2,048 ETH, some with 0 or
      // partial effective balance, and some inactive (left out of the active set).
      const increments = new Uint16Array(n);
      const activeList: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = rng();
        increments[i] =
          r < 0.6 ? 32 : r < 0.8 ? 32 + Math.floor(rng() * 2017) : Math.floor(rng() * 32);
        if (rng() < 0.9) activeList.push(i);
      }
      if (activeList.length === 0) activeList.push(0);
      const active = Uint32Array.from(activeList);
      const epoch = Math.floor(rng() * 1_000_000);
      const mix = Uint8Array.from({ length: 32 }, () => Math.floor(rng() * 256));
      const ours = computeEpochProposers({
        epoch,
        slotsPerEpoch: 32,
        seedMix: mix,
        activeIndices: active,
        effectiveBalanceIncrements: increments,
      });
      assert.deepEqual(
        [...ours],
        referenceProposers(epoch, 32, mix, active, increments),
        `corpus entry ${k} (epoch ${epoch}, ${n} validators)`,
      );
      compared += ours.length;
    }
    assert.equal(compared, 12 * 32);
  });

  describe("what the simulator serves", () => {
    let sim: StartSimulatorReturnType;
    const SPE = 32;
    const HEAD_EPOCH = 12;
    before(async () => {
      sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
      sim.advanceToEpoch(HEAD_EPOCH);
    });
    after(async () => {
      await sim.close();
    });

    it("duties equal the spec's proposers from the served RANDAO mix and validators, every epoch", async () => {
      const getData = async (path: string) =>
        ((await (await fetch(`${sim.url}${path}`)).json()) as { data: any }).data;
      let compared = 0;
      let smallestActiveSet = Infinity;
      for (let epoch = 2; epoch <= HEAD_EPOCH; epoch++) {
        const stateSlot = epoch * SPE;
        const mix = Buffer.from(
          String(
            (await getData(`/eth/v1/beacon/states/${stateSlot}/randao?epoch=${epoch - 2}`)).randao,
          ).slice(2),
          "hex",
        );
        const validators = (await getData(`/eth/v1/beacon/states/${stateSlot}/validators`)) as {
          index: string;
          validator: {
            pubkey: string;
            effective_balance: string;
            activation_epoch: string;
            exit_epoch: string;
          };
        }[];
        assert.equal(validators.length, 256);
        const increments = new Uint16Array(validators.length);
        const active: number[] = [];
        for (const v of validators) {
          const i = Number(v.index);
          increments[i] = Number(BigInt(v.validator.effective_balance) / 1_000_000_000n);
          if (
            Number(v.validator.activation_epoch) <= epoch &&
            epoch < Number(v.validator.exit_epoch)
          )
            active.push(i);
        }
        smallestActiveSet = Math.min(smallestActiveSet, active.length);
        const expected = referenceProposers(epoch, SPE, mix, Uint32Array.from(active), increments);
        const duties = (await getData(`/eth/v1/validator/duties/proposer/${epoch}`)) as {
          pubkey: string;
          validator_index: string;
          slot: string;
        }[];
        assert.deepEqual(
          duties.map((d) => [d.slot, d.validator_index, d.pubkey]),
          expected.map((v, k) => [
            String(epoch * SPE + k),
            String(v),
            validators[v].validator.pubkey,
          ]),
          `epoch ${epoch}`,
        );
        compared += duties.length;
      }
      assert.equal(compared, (HEAD_EPOCH - 1) * SPE);
      // The scenario's slashed validators exit within these epochs: the active set shrinks.
      assert.ok(smallestActiveSet < 256, `active set ${smallestActiveSet}`);
    });
  });
});
