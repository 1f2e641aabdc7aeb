import type pg from "pg";

/** Packed balances (lo/hi u32 pairs) of a stored epoch, or null when it was not ingested. */
export async function loadEpochBalances(pool: pg.Pool, epoch: number): Promise<Uint32Array | null> {
  const { rows } = await pool.query<{ balance: Buffer }>(
    "SELECT balance FROM epoch_validators WHERE epoch = $1",
    [epoch],
  );
  if (rows.length === 0) return null;
  const b = rows[0].balance;
  // Copy into an aligned buffer: pg's Buffer may sit at an offset not divisible by 4.
  const aligned = new Uint8Array(b.byteLength);
  aligned.set(b);
  return new Uint32Array(aligned.buffer);
}
