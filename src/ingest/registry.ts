import { fromHex } from "../beacon/hex.js";
import type { ValidatorJson } from "../beacon/fetchValidators.js";
import {
  FAR_FUTURE,
  growRegistry,
  type RegistryChange,
  type RegistryRow,
  type RegistrySnapshot,
} from "../db/registrySnapshot.js";
import { statusCode, statusName } from "../db/validatorStatus.js";

export function epochOrNull(value: string): number | null {
  const n = Number(value);
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
export function diffRegistry(
  prev: RegistrySnapshot,
  validators: ValidatorJson[],
): DiffRegistryReturnType {
  const next = growRegistry(prev, Math.max(prev.count, validators.length));
  const rows: RegistryRow[] = [];
  const changes: RegistryChange[] = [];
  for (const v of validators) {
    const i = Number(v.index);
    const d = v.validator;
    const status = statusCode(v.status);
    const slashed = d.slashed ? 1 : 0;
    const activation = epochOrNull(d.activation_epoch) ?? FAR_FUTURE;
    const exit = epochOrNull(d.exit_epoch) ?? FAR_FUTURE;
    const withdrawable = epochOrNull(d.withdrawable_epoch) ?? FAR_FUTURE;
    const ebEth = Math.round(Number(d.effective_balance) / 1e9);
    const creds = fromHex(d.withdrawal_credentials);
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
      record("status", statusName(prev.status[i]), v.status);
      record("slashed", String(prev.slashed[i] === 1), String(d.slashed));
      record("activation_epoch", epochText(prev.activationEpoch[i]), epochText(activation));
      record("exit_epoch", epochText(prev.exitEpoch[i]), epochText(exit));
      if (credsChanged)
        record(
          "withdrawal_credentials",
          hexAt(prev.withdrawalCredentials, i),
          d.withdrawal_credentials,
        );
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
      pubkey: fromHex(d.pubkey),
      withdrawalCredentials: creds,
      status: v.status,
      slashed: d.slashed,
      activationEligibilityEpoch: epochOrNull(d.activation_eligibility_epoch),
      activationEpoch: activation === FAR_FUTURE ? null : activation,
      exitEpoch: exit === FAR_FUTURE ? null : exit,
      withdrawableEpoch: withdrawable === FAR_FUTURE ? null : withdrawable,
      effectiveBalanceGwei: Number(d.effective_balance),
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
