/** Far-future epochs (2^64 − 1) are stored as null / -1: they do not fit a 32-bit column. */
export const FAR_FUTURE = -1;

/**
 * The registry as last stored, held compactly in memory (≈ 50 bytes a validator) so each
 * epoch's answer can be diffed without reading a million rows back from PostgreSQL.
 */
export type RegistrySnapshot = {
  count: number;
  status: Uint8Array;
  slashed: Uint8Array;
  activationEpoch: Int32Array;
  exitEpoch: Int32Array;
  withdrawableEpoch: Int32Array;
  effectiveBalanceEth: Uint16Array;
  withdrawalCredentials: Uint8Array;
};

export type RegistryRow = {
  index: number;
  pubkey: Uint8Array;
  withdrawalCredentials: Uint8Array;
  status: string;
  slashed: boolean;
  activationEligibilityEpoch: number | null;
  activationEpoch: number | null;
  exitEpoch: number | null;
  withdrawableEpoch: number | null;
  effectiveBalanceGwei: number;
};

export type RegistryChange = {
  validatorIndex: number;
  field: string;
  previous: string | null;
  current: string;
};

export function emptyRegistry(): RegistrySnapshot {
  return growRegistry(undefined, 0);
}

export function growRegistry(prev: RegistrySnapshot | undefined, count: number): RegistrySnapshot {
  const next: RegistrySnapshot = {
    count,
    status: new Uint8Array(count),
    slashed: new Uint8Array(count),
    activationEpoch: new Int32Array(count).fill(FAR_FUTURE),
    exitEpoch: new Int32Array(count).fill(FAR_FUTURE),
    withdrawableEpoch: new Int32Array(count).fill(FAR_FUTURE),
    effectiveBalanceEth: new Uint16Array(count),
    withdrawalCredentials: new Uint8Array(count * 32),
  };
  if (prev) {
    next.status.set(prev.status);
    next.slashed.set(prev.slashed);
    next.activationEpoch.set(prev.activationEpoch);
    next.exitEpoch.set(prev.exitEpoch);
    next.withdrawableEpoch.set(prev.withdrawableEpoch);
    next.effectiveBalanceEth.set(prev.effectiveBalanceEth);
    next.withdrawalCredentials.set(prev.withdrawalCredentials);
  }
  return next;
}
