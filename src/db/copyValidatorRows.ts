import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { RegistryRow } from "./registrySnapshot.js";

export type CopyValidatorRowsParameters = {
  client: pg.PoolClient;
  /** `validator`, or a table LIKE it. */
  table: string;
  rows: readonly RegistryRow[];
  epoch: number;
  operatorOfRow: (index: number) => string;
};

/** The columns written, in the order of each binary row. */
export const VALIDATOR_COLUMNS = [
  "index",
  "pubkey",
  "withdrawal_credentials",
  "status",
  "slashed",
  "activation_eligibility_epoch",
  "activation_epoch",
  "exit_epoch",
  "withdrawable_epoch",
  "effective_balance_gwei",
  "updated_epoch",
  "operator_id",
];

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const BATCH_BYTES = 1 << 20;
const TWO_32 = 2 ** 32;

/**
 * Streams registry rows into a table with COPY … FORMAT binary: keys and credentials go as their
 * bytes and numbers as fixed-width integers, where the CSV form hex-encoded 80 bytes a row in
 * JavaScript and PostgreSQL parsed them back (the first epoch writes a million rows).
 */
export async function copyValidatorRows({
  client,
  table,
  rows,
  epoch,
  operatorOfRow,
}: CopyValidatorRowsParameters): Promise<void> {
  const sql = `COPY ${table} (${VALIDATOR_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT binary)`;
  const source = Readable.from(binaryRows(rows, epoch, operatorOfRow), { objectMode: false });
  await pipeline(source, client.query(copyFrom(sql)));
}

function* binaryRows(
  rows: readonly RegistryRow[],
  epoch: number,
  operatorOfRow: (index: number) => string,
): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(BATCH_BYTES);
  let at = 0;
  // Header: signature, flags, no extension.
  at = SIGNATURE.copy(buf, at);
  at = buf.writeInt32BE(0, at);
  at = buf.writeInt32BE(0, at);
  const int4 = (value: number | null) => {
    if (value === null) {
      at = buf.writeInt32BE(-1, at);
      return;
    }
    at = buf.writeInt32BE(4, at);
    at = buf.writeInt32BE(value, at);
  };
  const bytes = (value: Uint8Array) => {
    at = buf.writeInt32BE(value.length, at);
    buf.set(value, at);
    at += value.length;
  };
  const text = (value: string | undefined) => {
    if (value === undefined) {
      at = buf.writeInt32BE(-1, at);
      return;
    }
    const length = buf.write(value, at + 4, "utf8");
    at = buf.writeInt32BE(length, at);
    at += length;
  };
  for (const r of rows) {
    const operator: string | undefined = operatorOfRow(r.index);
    // 83 bytes of counts, lengths and fixed-width fields, the keys, the texts at ≤ 4 bytes a character.
    const need =
      83 +
      r.pubkey.length +
      r.withdrawalCredentials.length +
      4 * (r.status.length + (operator?.length ?? 0));
    if (at + need > buf.length) {
      yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(Math.max(BATCH_BYTES, need));
      at = 0;
    }
    at = buf.writeInt16BE(VALIDATOR_COLUMNS.length, at);
    int4(r.index);
    bytes(r.pubkey);
    bytes(r.withdrawalCredentials);
    text(r.status);
    at = buf.writeInt32BE(1, at);
    at = buf.writeUInt8(r.slashed ? 1 : 0, at);
    int4(r.activationEligibilityEpoch);
    int4(r.activationEpoch);
    int4(r.exitEpoch);
    int4(r.withdrawableEpoch);
    at = buf.writeInt32BE(8, at);
    at = buf.writeUInt32BE(Math.floor(r.effectiveBalanceGwei / TWO_32), at);
    at = buf.writeUInt32BE(r.effectiveBalanceGwei % TWO_32, at);
    int4(epoch);
    text(operator);
  }
  if (at + 2 > buf.length) {
    yield buf.subarray(0, at);
    buf = Buffer.allocUnsafe(2);
    at = 0;
  }
  at = buf.writeInt16BE(-1, at);
  yield buf.subarray(0, at);
}
