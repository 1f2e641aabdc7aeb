import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

type Cell = string | number | boolean | null | Uint8Array;

/**
 * Streams rows into a table with COPY ... FORMAT csv: the fastest way PostgreSQL accepts a
 * million rows. bytea is sent in its hex form (\x…), which CSV carries without escaping.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: Iterable<Cell[]>,
): Promise<void> {
  const sql = `COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`;
  const source = Readable.from(csvLines(rows), { objectMode: false });
  await pipeline(source, client.query(copyFrom(sql)));
}

function* csvLines(rows: Iterable<Cell[]>): Generator<string> {
  let batch = "";
  for (const row of rows) {
    batch += row.map(cell).join(",") + "\n";
    if (batch.length > 1 << 16) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

function cell(value: Cell): string {
  if (value === null) return "";
  if (value instanceof Uint8Array)
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
  if (typeof value === "string")
    return /[",\n\r]/.test(value) || value === "" ? `"${value.replaceAll('"', '""')}"` : value;
  return String(value);
}
