import type { ValidatorJson } from "./fetchValidators.js";

/**
 * Every validator of a state, one typed array per field (≈ 135 bytes a validator, no object per
 * validator): what a million-validator answer is kept as from the moment it is parsed, so it
 * costs little memory, and stages and restores as raw bytes.
 */
export type ValidatorColumns = {
  count: number;
  /** Validator index at each position (the answer's order). */
  index: Uint32Array;
  /** Gwei (Number: exact to 2^53 gwei). */
  balance: Float64Array;
  effectiveBalance: Float64Array;
  /** Position in `statuses` of each validator's Beacon API status. */
  status: Uint8Array;
  statuses: string[];
  slashed: Uint8Array;
  /** Epochs as Numbers: FAR_FUTURE_EPOCH (2^64 − 1) reads as 1.8e19, not a safe integer. */
  activationEligibilityEpoch: Float64Array;
  activationEpoch: Float64Array;
  exitEpoch: Float64Array;
  withdrawableEpoch: Float64Array;
  /** 48 bytes a validator. */
  pubkeys: Uint8Array;
  /** 32 bytes a validator. */
  withdrawalCredentials: Uint8Array;
};

/** The typed-array fields of ValidatorColumns, in the order they are staged. */
export const VALIDATOR_COLUMN_ARRAYS = [
  "index",
  "balance",
  "effectiveBalance",
  "status",
  "slashed",
  "activationEligibilityEpoch",
  "activationEpoch",
  "exitEpoch",
  "withdrawableEpoch",
  "pubkeys",
  "withdrawalCredentials",
] as const;

export const PUBKEY_BYTES = 48;
export const CREDENTIALS_BYTES = 32;

export type ValidatorColumnsBuilder = {
  push(v: ValidatorJson): void;
  finish(): ValidatorColumns;
};

/** Appends validators as the answer streams in; capacity doubles as needed. */
export function createValidatorColumnsBuilder(capacity = 1 << 16): ValidatorColumnsBuilder {
  let c = allocateValidatorColumns(capacity);
  // Byte views made once per allocation, not one per validator.
  let pubkeys = bufferOf(c.pubkeys);
  let credentials = bufferOf(c.withdrawalCredentials);
  const statusOf = new Map<string, number>();
  return {
    push(v) {
      const i = c.count;
      if (i === c.index.length) {
        c = grow(c, i * 2);
        pubkeys = bufferOf(c.pubkeys);
        credentials = bufferOf(c.withdrawalCredentials);
      }
      const d = v.validator;
      c.index[i] = Number(v.index);
      c.balance[i] = Number(v.balance);
      c.effectiveBalance[i] = Number(d.effective_balance);
      let s = statusOf.get(v.status);
      if (s === undefined) {
        s = c.statuses.length;
        statusOf.set(v.status, s);
        c.statuses.push(v.status);
      }
      c.status[i] = s;
      c.slashed[i] = d.slashed ? 1 : 0;
      c.activationEligibilityEpoch[i] = Number(d.activation_eligibility_epoch);
      c.activationEpoch[i] = Number(d.activation_epoch);
      c.exitEpoch[i] = Number(d.exit_epoch);
      c.withdrawableEpoch[i] = Number(d.withdrawable_epoch);
      hexInto(pubkeys, i * PUBKEY_BYTES, d.pubkey, PUBKEY_BYTES, "pubkey");
      hexInto(
        credentials,
        i * CREDENTIALS_BYTES,
        d.withdrawal_credentials,
        CREDENTIALS_BYTES,
        "withdrawal_credentials",
      );
      c.count = i + 1;
    },
    finish: () => (c.count === c.index.length ? c : grow(c, c.count)),
  };
}

/** Columns of validators already parsed (tests, small answers). */
export function validatorColumnsOf(validators: readonly ValidatorJson[]): ValidatorColumns {
  const b = createValidatorColumnsBuilder(Math.max(1, validators.length));
  for (const v of validators) b.push(v);
  return b.finish();
}

/** Zeroed columns for `n` validators, `count` 0 and no status names yet. */
export function allocateValidatorColumns(n: number): ValidatorColumns {
  return {
    count: 0,
    index: new Uint32Array(n),
    balance: new Float64Array(n),
    effectiveBalance: new Float64Array(n),
    status: new Uint8Array(n),
    statuses: [],
    slashed: new Uint8Array(n),
    activationEligibilityEpoch: new Float64Array(n),
    activationEpoch: new Float64Array(n),
    exitEpoch: new Float64Array(n),
    withdrawableEpoch: new Float64Array(n),
    pubkeys: new Uint8Array(n * PUBKEY_BYTES),
    withdrawalCredentials: new Uint8Array(n * CREDENTIALS_BYTES),
  };
}

/** A copy with room for `n` validators (or trimmed to `n`), the first `count` kept. */
function grow(c: ValidatorColumns, n: number): ValidatorColumns {
  const next = allocateValidatorColumns(n);
  next.count = c.count;
  next.statuses = c.statuses;
  for (const key of VALIDATOR_COLUMN_ARRAYS) {
    const from = c[key];
    const per = from.length / c.index.length;
    (next[key] as Uint8Array).set((from as Uint8Array).subarray(0, c.count * per));
  }
  return next;
}

function bufferOf(a: Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function hexInto(target: Buffer, offset: number, hex: string, bytes: number, field: string): void {
  if (
    typeof hex !== "string" ||
    hex.length !== 2 + bytes * 2 ||
    !hex.startsWith("0x") ||
    target.write(hex.slice(2), offset, bytes, "hex") !== bytes
  )
    throw new SyntaxError(`validators answer: ${field} is not ${bytes} bytes of 0x hex`);
}
