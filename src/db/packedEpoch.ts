/**
 * The compact per-validator layout of one epoch (encoding 1; docs/storage.md). Arrays are
 * indexed by validator index and stored as little-endian bytes, 28 bytes a validator.
 */
export const PACKED_ENCODING = 1;

export const FLAG_SLASHED = 1 << 0;
export const FLAG_SOURCE_HIT = 1 << 1;
export const FLAG_TARGET_HIT = 1 << 2;
export const FLAG_HEAD_HIT = 1 << 3;
/** The validator was active in the epoch (slashed ones until they exit) and had an attestation duty. */
export const FLAG_DUTY = 1 << 4;

export type PackedEpoch = {
  count: number;
  status: Uint8Array;
  flags: Uint8Array;
  /** Effective balance in whole ETH (the spec keeps it a multiple of 1 ETH). */
  effectiveBalanceEth: Uint16Array;
  /** Balance in gwei as two u32 halves (lo, hi), so no BigInt is needed per validator. */
  balance: Uint32Array;
  rewardSource: Int32Array;
  rewardTarget: Int32Array;
  rewardHead: Int32Array;
  rewardInactivity: Int32Array;
};

export function createPackedEpoch(count: number): PackedEpoch {
  return {
    count,
    status: new Uint8Array(count),
    flags: new Uint8Array(count),
    effectiveBalanceEth: new Uint16Array(count),
    balance: new Uint32Array(count * 2),
    rewardSource: new Int32Array(count),
    rewardTarget: new Int32Array(count),
    rewardHead: new Int32Array(count),
    rewardInactivity: new Int32Array(count),
  };
}

const TWO_32 = 2 ** 32;

export function setBalance(p: PackedEpoch, index: number, gwei: number): void {
  p.balance[index * 2] = gwei % TWO_32;
  p.balance[index * 2 + 1] = Math.floor(gwei / TWO_32);
}

export function getBalance(p: Pick<PackedEpoch, "balance">, index: number): number {
  return p.balance[index * 2] + p.balance[index * 2 + 1] * TWO_32;
}

/** Little-endian bytes of a typed array (the machine is little-endian on every supported platform). */
export function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
