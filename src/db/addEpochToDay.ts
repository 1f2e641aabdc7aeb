import type pg from "pg";
import { FLAG_DUTY, FLAG_SLASHED, FLAG_SOURCE_HIT, bytesOf } from "./packedEpoch.js";
import { DAY_BITMAP_BYTES, VALIDATOR_DAY_ENCODING, dayOf, epochBit } from "./validatorDay.js";

export type AddEpochToDayParameters = {
  /** A client inside the epoch's transaction: the day row commits or rolls back with the epoch. */
  client: pg.PoolClient;
  epoch: number;
  /** The epoch's packed flags, one byte per validator index (packedEpoch.ts). */
  flags: Uint8Array;
};

export type AddEpochToDayReturnType = { counted: boolean };

/** Advisory lock class of a day row (writeEpoch's per-epoch lock is 0x0e90c4). */
const DAY_LOCK = 0x0e90da;

/**
 * Adds one epoch's attestation duties to its day's per-validator counts: assigned when the
 * validator had a duty and was not slashed (the rule of operator_epoch's duties, so a validator's
 * included / assigned is measured like the network's performance it is compared with), included
 * when it also earned the source flag. The day is locked for the rest of the transaction, so two
 * epochs of one day written at once are added one after the other instead of one overwriting the
 * other; an epoch whose bit is already set is not added again.
 */
export async function addEpochToDay({
  client,
  epoch,
  flags,
}: AddEpochToDayParameters): Promise<AddEpochToDayReturnType> {
  const day = dayOf(epoch);
  await client.query("SELECT pg_advisory_xact_lock($1, $2)", [DAY_LOCK, day]);
  const { rows } = await client.query<{
    count: number;
    epochs: Buffer;
    assigned: Buffer;
    included: Buffer;
  }>("SELECT count, epochs, assigned, included FROM validator_day WHERE day = $1", [day]);
  const stored = rows[0];
  const bit = epochBit(epoch);
  const epochs = new Uint8Array(DAY_BITMAP_BYTES);
  if (stored) epochs.set(stored.epochs);
  if (epochs[bit.byte] & bit.mask) return { counted: false };
  epochs[bit.byte] |= bit.mask;

  // Validators only ever join: the arrays grow to the newest epoch's count.
  const count = Math.max(stored?.count ?? 0, flags.length);
  const assigned = new Uint8Array(count);
  const included = new Uint8Array(count);
  if (stored) {
    assigned.set(stored.assigned);
    included.set(stored.included);
  }
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (!(f & FLAG_DUTY) || f & FLAG_SLASHED) continue;
    assigned[i]++;
    if (f & FLAG_SOURCE_HIT) included[i]++;
  }
  await client.query(
    `INSERT INTO validator_day (day, encoding, count, epochs, assigned, included) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (day) DO UPDATE SET encoding = EXCLUDED.encoding, count = EXCLUDED.count, epochs = EXCLUDED.epochs,
       assigned = EXCLUDED.assigned, included = EXCLUDED.included`,
    [day, VALIDATOR_DAY_ENCODING, count, bytesOf(epochs), bytesOf(assigned), bytesOf(included)],
  );
  return { counted: true };
}
