import { Tag, fillRandom, random01 } from "./random.js";
import type { ChainConstants } from "./preset.js";
import type { Operator, Scenario } from "./scenario.js";

export const NO_OPERATOR = 0xffff;

export type SlashingRecord = {
  validatorIndex: number;
  operatorId: string;
  type: "proposer" | "attester";
  /** The epoch whose state transition applies the slashing (the scenario's epoch). */
  epoch: number;
  /** Index into `Registry.slashingEvents`. */
  event: number;
};

export type SlashingEventRecord = {
  type: "proposer" | "attester";
  epoch: number;
  operatorId: string;
  indices: number[];
};

/**
 * What never changes with the epoch: keys, credentials, operator of each validator and the
 * slashing schedule. Kept in flat typed arrays so a million validators cost ~60 MB.
 */
export type Registry = {
  pubkeys: Uint8Array;
  /** Operator ordinal per validator, NO_OPERATOR for validators no operator holds. */
  operatorOrdinal: Uint16Array;
  /** Epoch at which the validator is slashed, or -1. */
  slashEpoch: Int32Array;
  initialBalances: Float64Array;
  slashings: SlashingRecord[];
  slashingEvents: SlashingEventRecord[];
  credentials(index: number): Uint8Array;
};

export function createRegistry(
  scenario: Scenario,
  constants: ChainConstants,
  seed: number,
): Registry {
  const n = scenario.validatorCount;
  const pubkeys = new Uint8Array(48 * n);
  for (let i = 0; i < n; i++) {
    fillRandom(pubkeys, 48 * i, 48, seed, Tag.pubkey, i, 0);
    // BLS compressed G1 points carry the compression flag in the top bit: keep keys plausible.
    pubkeys[48 * i] = (pubkeys[48 * i] & 0x1f) | 0x80;
  }
  const operatorOrdinal = new Uint16Array(n).fill(NO_OPERATOR);
  for (const op of scenario.operators)
    operatorOrdinal.fill(op.ordinal, op.firstIndex, op.firstIndex + op.validatorCount);

  // Balances start a little above 32 ETH so the withdrawal sweep has excess to skim from the start.
  const initialBalances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    initialBalances[i] =
      constants.MIN_ACTIVATION_BALANCE +
      Math.floor(random01(seed, Tag.initialBalance, i) * 50_000_000);
  }

  const slashEpoch = new Int32Array(n).fill(-1);
  const slashings: SlashingRecord[] = [];
  const slashingEvents: SlashingEventRecord[] = [];
  for (const op of scenario.operators) {
    // Events in epoch order pick consecutive not-yet-slashed validators from a seeded start.
    const events = op.slashings
      .map((e, k) => ({ ...e, k }))
      .sort((a, b) => a.epoch - b.epoch || a.k - b.k);
    let cursor = Math.floor(random01(seed, Tag.slashingPick, op.ordinal) * op.validatorCount);
    for (const e of events) {
      const indices: number[] = [];
      while (indices.length < e.count) {
        const v = op.firstIndex + (cursor % op.validatorCount);
        cursor++;
        if (slashEpoch[v] >= 0) continue;
        slashEpoch[v] = e.epoch;
        indices.push(v);
      }
      indices.sort((a, b) => a - b);
      const event = slashingEvents.length;
      slashingEvents.push({ type: e.type, epoch: e.epoch, operatorId: op.id, indices });
      for (const v of indices)
        slashings.push({
          validatorIndex: v,
          operatorId: op.id,
          type: e.type,
          epoch: e.epoch,
          event,
        });
    }
  }
  slashings.sort((a, b) => a.epoch - b.epoch || a.validatorIndex - b.validatorIndex);

  const operatorCredentials = scenario.operators.map((op) =>
    credentialsFor(hexToBytes(op.withdrawalAddress)),
  );
  const credentials = (index: number): Uint8Array => {
    const ordinal = operatorOrdinal[index];
    if (ordinal !== NO_OPERATOR) return operatorCredentials[ordinal];
    // Validators outside every operator are solo stakers, each with its own address.
    const address = new Uint8Array(20);
    fillRandom(address, 0, 20, seed, Tag.address, index, 0);
    return credentialsFor(address);
  };
  return {
    pubkeys,
    operatorOrdinal,
    slashEpoch,
    initialBalances,
    slashings,
    slashingEvents,
    credentials,
  };
}

function credentialsFor(address: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out[0] = 0x01;
  out.set(address, 12);
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.startsWith("0x") ? hex.slice(2) : hex, "hex"));
}

export function operatorByOrdinal(operators: Operator[], ordinal: number): Operator | undefined {
  return ordinal === NO_OPERATOR ? undefined : operators[ordinal];
}
