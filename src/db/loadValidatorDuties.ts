import type pg from "pg";
import { EPOCHS_PER_DAY, csmWindowDays, type ValidatorDuties } from "../features/index.js";
import { DbError } from "./errors.js";
import { DAY_BITMAP_BYTES, VALIDATOR_DAY_ENCODING, dayOf, epochBit } from "./validatorDay.js";

export type LoadValidatorDutiesParameters = {
  pool: pg.Pool | pg.PoolClient;
  atEpoch: number;
};

/** Operator id → each of its validators' duties over the window's whole days. */
export type LoadValidatorDutiesReturnType = Map<string, ValidatorDuties[]>;

/**
 * Each validator's attestation duties summed over the whole days of the 30-day window ending at
 * `atEpoch` (csmWindowDays), grouped by the operator the validator was attributed to in `atEpoch`
 * itself: the attribution its operator_epoch rows were summed with, stored with the epoch, so an
 * operator import after `atEpoch` changes neither the scorer's nor a later attester's grouping.
 * Every validator of that attribution is listed, those without a duty as { 0, 0 }.
 *
 * A day row is written in the same transaction as each of its epochs, so its bitmap of counted
 * epochs can only differ from the stored epochs of that day when some were ingested before the
 * day rows existed; such a window is refused rather than summed short.
 */
export async function loadValidatorDuties({
  pool,
  atEpoch,
}: LoadValidatorDutiesParameters): Promise<LoadValidatorDutiesReturnType> {
  const { fromDay, toDay } = csmWindowDays(atEpoch);
  const duties: LoadValidatorDutiesReturnType = new Map();
  if (toDay < fromDay) return duties;
  const [days, ingested, attribution] = await Promise.all([
    pool.query<{ day: number; count: number; epochs: Buffer; assigned: Buffer; included: Buffer }>(
      `SELECT day, count, epochs, assigned, included FROM validator_day
       WHERE day BETWEEN $1 AND $2 AND encoding = $3`,
      [fromDay, toDay, VALIDATOR_DAY_ENCODING],
    ),
    pool.query<{ epoch: number }>("SELECT epoch FROM epoch WHERE epoch BETWEEN $1 AND $2", [
      fromDay * EPOCHS_PER_DAY,
      (toDay + 1) * EPOCHS_PER_DAY - 1,
    ]),
    pool.query<{ operators: Buffer | null; operator_ids: string[] | null }>(
      "SELECT operators, operator_ids FROM epoch_validators WHERE epoch = $1",
      [atEpoch],
    ),
  ]);

  const stored = new Map<number, Uint8Array>();
  for (const e of ingested.rows) {
    const day = dayOf(e.epoch);
    let bitmap = stored.get(day);
    if (!bitmap) {
      bitmap = new Uint8Array(DAY_BITMAP_BYTES);
      stored.set(day, bitmap);
    }
    const bit = epochBit(e.epoch);
    bitmap[bit.byte] |= bit.mask;
  }
  const counted = new Map(days.rows.map((r) => [r.day, r.epochs]));
  for (const day of new Set([...stored.keys(), ...counted.keys()])) {
    const a = stored.get(day) ?? new Uint8Array(DAY_BITMAP_BYTES);
    const b = counted.get(day) ?? new Uint8Array(DAY_BITMAP_BYTES);
    if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0)
      throw new DbError(
        "DB_VALIDATOR_DAYS_INCOMPLETE",
        `Day ${day} of the CSM window at epoch ${atEpoch} counts ${popcount(b)} epochs, but ${popcount(a)} are stored`,
        {
          details:
            "Its epochs were ingested before validator_day existed: ingest the window again into a database migrated with it.",
          meta: { day, counted: popcount(b), ingested: popcount(a) },
        },
      );
  }
  if (days.rows.length === 0) return duties;

  const row = attribution.rows[0];
  if (!row?.operators || !row.operator_ids)
    throw new DbError(
      "DB_EPOCH_ATTRIBUTION_MISSING",
      `Epoch ${atEpoch} has no stored validator → operator attribution`,
      {
        details:
          "It was ingested before epochs stored their attribution: ingest it again into a database migrated with it.",
        meta: { epoch: atEpoch },
      },
    );
  // Copied into an aligned buffer: pg's Buffer may sit at an offset not divisible by 4.
  const aligned = new Uint8Array(row.operators.byteLength);
  aligned.set(row.operators);
  const operators = new Int32Array(aligned.buffer);
  const assigned = new Uint32Array(operators.length);
  const included = new Uint32Array(operators.length);
  for (const d of days.rows) {
    // Validators only ever join, so none of a day before `atEpoch` lies past its attribution.
    const n = Math.min(d.count, operators.length);
    for (let i = 0; i < n; i++) {
      assigned[i] += d.assigned[i];
      included[i] += d.included[i];
    }
  }
  const lists = row.operator_ids.map((id) => {
    const list: ValidatorDuties[] = [];
    duties.set(id, list);
    return list;
  });
  for (let i = 0; i < operators.length; i++) {
    if (operators[i] < 0) continue;
    lists[operators[i]].push({ assigned: assigned[i], included: included[i] });
  }
  return duties;
}

function popcount(bitmap: Uint8Array): number {
  let n = 0;
  for (const byte of bitmap) for (let b = byte; b; b &= b - 1) n++;
  return n;
}
