import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

export type ReadStagedPartsParameters = { pool: pg.Pool; epoch: number };

/** COPY binary: 11-byte signature, flags, header extension length. */
const HEADER_BYTES = 19;

/**
 * The staged parts of `epoch`, in order, read with COPY … TO STDOUT (FORMAT binary): bytea as its
 * raw bytes. A plain SELECT hands bytea over as hex text, twice the size of a staged epoch's
 * ≈ 175 MB at mainnet scale, decoded again in JavaScript (node-postgres reads every result
 * column as text unless the whole connection is binary). The parts are views into one buffer.
 */
export async function readStagedParts({
  pool,
  epoch,
}: ReadStagedPartsParameters): Promise<Buffer[]> {
  const client = await pool.connect();
  const chunks: Buffer[] = [];
  try {
    const stream = client.query(
      copyTo(
        `COPY (SELECT data FROM staged_epoch_part WHERE epoch = ${Number(epoch)} ORDER BY part) TO STDOUT (FORMAT binary)`,
      ),
    );
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } finally {
    client.release();
  }
  const all = Buffer.concat(chunks);
  const parts: Buffer[] = [];
  let at = HEADER_BYTES + all.readInt32BE(HEADER_BYTES - 4);
  for (;;) {
    const fields = all.readInt16BE(at);
    at += 2;
    if (fields === -1) return parts;
    const length = all.readInt32BE(at);
    at += 4;
    parts.push(all.subarray(at, at + length));
    at += length;
  }
}
