import { CREDENTIALS_BYTES, PUBKEY_BYTES, toHex, type ValidatorColumns } from "../beacon/index.js";
import {
  FAR_FUTURE,
  growRegistry,
  type RegistryChange,
  type RegistryRow,
  type RegistrySnapshot,
} from "../db/registrySnapshot.js";
import { statusCode, statusName } from "../db/validatorStatus.js";

export function epochOrNull(n: number): number | null {
  return Number.isSafeInteger(n) && n < 2 ** 31 ? n : null;
}

export type DiffRegistryReturnType = {
  next: RegistrySnapshot;
  rows: RegistryRow[];
  changes: RegistryChange[];
};

/**
 * Compares the validators a node reports with the stored registry: returns rows to upsert
 * (new or changed validators) and the field changes of known ones. New validators produce rows
 * but no change records, so the first epoch does not log a million "changes".
 */
export function diffRegistry(prev: RegistrySnapshot, v: ValidatorColumns): DiffRegistryReturnType {
  const next = growRegistry(prev, Math.max(prev.count, v.count));
  const rows: RegistryRow[] = [];
  const changes: RegistryChange[] = [];
  const codes = v.statuses.map(statusCode);
  for (let k = 0; k < v.count; k++) {
    const i = v.index[k];
    const statusText = v.statuses[v.status[k]];
    const status = codes[v.status[k]];
    const slashed = v.slashed[k];
    const activation = epochOrNull(v.activationEpoch[k]) ?? FAR_FUTURE;
    const exit = epochOrNull(v.exitEpoch[k]) ?? FAR_FUTURE;
    const withdrawable = epochOrNull(v.withdrawableEpoch[k]) ?? FAR_FUTURE;
    const ebEth = Math.round(v.effectiveBalance[k] / 1e9);
    // Views into the columns, not copies: a million new validators on the first epoch.
    const creds = v.withdrawalCredentials.subarray(
      k * CREDENTIALS_BYTES,
      (k + 1) * CREDENTIALS_BYTES,
    );
    const known = i < prev.count;
    const credsChanged = !known || !sameBytes(prev.withdrawalCredentials, i * 32, creds);
    const changed =
      !known ||
      credsChanged ||
      prev.status[i] !== status ||
      prev.slashed[i] !== slashed ||
      prev.activationEpoch[i] !== activation ||
      prev.exitEpoch[i] !== exit ||
      prev.withdrawableEpoch[i] !== withdrawable ||
      prev.effectiveBalanceEth[i] !== ebEth;
    if (!changed) continue;
    if (known) {
      const record = (field: string, before: string | null, after: string) => {
        if (before !== after)
          changes.push({ validatorIndex: i, field, previous: before, current: after });
      };
      record("status", statusName(prev.status[i]), statusText);
      record("slashed", String(prev.slashed[i] === 1), String(slashed === 1));
      record("activation_epoch", epochText(prev.activationEpoch[i]), epochText(activation));
      record("exit_epoch", epochText(prev.exitEpoch[i]), epochText(exit));
      if (credsChanged)
        record("withdrawal_credentials", hexAt(prev.withdrawalCredentials, i), toHex(creds));
    }
    next.status[i] = status;
    next.slashed[i] = slashed;
    next.activationEpoch[i] = activation;
    next.exitEpoch[i] = exit;
    next.withdrawableEpoch[i] = withdrawable;
    next.effectiveBalanceEth[i] = ebEth;
    next.withdrawalCredentials.set(creds, i * 32);
    rows.push({
      index: i,
      pubkey: v.pubkeys.subarray(k * PUBKEY_BYTES, (k + 1) * PUBKEY_BYTES),
      withdrawalCredentials: creds,
      status: statusText,
      slashed: slashed === 1,
      activationEligibilityEpoch: epochOrNull(v.activationEligibilityEpoch[k]),
      activationEpoch: activation === FAR_FUTURE ? null : activation,
      exitEpoch: exit === FAR_FUTURE ? null : exit,
      withdrawableEpoch: withdrawable === FAR_FUTURE ? null : withdrawable,
      effectiveBalanceGwei: v.effectiveBalance[k],
    });
  }
  return { next, rows, changes };
}

function sameBytes(buf: Uint8Array, offset: number, other: Uint8Array): boolean {
  for (let k = 0; k < 32; k++) if (buf[offset + k] !== other[k]) return false;
  return true;
}

function hexAt(buf: Uint8Array, i: number): string {
  return `0x${Buffer.from(buf.subarray(i * 32, i * 32 + 32)).toString("hex")}`;
}

function epochText(e: number): string {
  return e === FAR_FUTURE ? "far_future" : String(e);
}
