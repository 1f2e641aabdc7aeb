import type pg from "pg";
import { growRegistry, type RegistrySnapshot } from "./registrySnapshot.js";
import { statusCode } from "./validatorStatus.js";

/** The stored registry, read once per process into the compact in-memory snapshot. */
export async function loadRegistry(pool: pg.Pool): Promise<RegistrySnapshot> {
  const { rows } = await pool.query<{
    index: number;
    withdrawal_credentials: Buffer;
    status: string;
    slashed: boolean;
    activation_epoch: number | null;
    exit_epoch: number | null;
    withdrawable_epoch: number | null;
    effective_balance_gwei: string;
  }>(`SELECT index, withdrawal_credentials, status, slashed, activation_epoch, exit_epoch, withdrawable_epoch, effective_balance_gwei
      FROM validator ORDER BY index`);
  const count = rows.length === 0 ? 0 : rows[rows.length - 1].index + 1;
  const r = growRegistry(undefined, count);
  for (const row of rows) {
    const i = row.index;
    r.status[i] = statusCode(row.status);
    r.slashed[i] = row.slashed ? 1 : 0;
    r.activationEpoch[i] = row.activation_epoch ?? -1;
    r.exitEpoch[i] = row.exit_epoch ?? -1;
    r.withdrawableEpoch[i] = row.withdrawable_epoch ?? -1;
    r.effectiveBalanceEth[i] = Math.round(Number(row.effective_balance_gwei) / 1e9);
    r.withdrawalCredentials.set(row.withdrawal_credentials, i * 32);
  }
  return r;
}
