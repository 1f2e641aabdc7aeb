import type pg from "pg";

/** Which epochs in [from, to] are already stored (the `epoch` row is written last, so it means complete). */
export async function ingestedEpochs(
  pool: pg.Pool,
  from: number,
  to: number,
): Promise<Set<number>> {
  const { rows } = await pool.query<{ epoch: number }>(
    "SELECT epoch FROM epoch WHERE epoch BETWEEN $1 AND $2",
    [from, to],
  );
  return new Set(rows.map((r) => r.epoch));
}

/** The highest stored epoch, or null for an empty database. */
export async function latestIngestedEpoch(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ max: number | null }>("SELECT max(epoch) AS max FROM epoch");
  return rows[0]?.max ?? null;
}

/** The lowest stored epoch, or null for an empty database. */
export async function earliestIngestedEpoch(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ min: number | null }>("SELECT min(epoch) AS min FROM epoch");
  return rows[0]?.min ?? null;
}

export type IngestedSpan = {
  earliest: number | null;
  latest:
    | number
    | null /** Epochs between the earliest and the latest stored one that are not stored. */;
  gaps: number;
};

/**
 * The stored range and the holes in it, in one query: an epoch that failed for good below the
 * newest stored one must count as missing, not vanish behind a newer epoch.
 */
export async function ingestedSpan(pool: pg.Pool): Promise<IngestedSpan> {
  const { rows } = await pool.query<{ min: number | null; max: number | null; count: string }>(
    "SELECT min(epoch) AS min, max(epoch) AS max, count(*) AS count FROM epoch",
  );
  const { min, max, count } = rows[0];
  return {
    earliest: min,
    latest: max,
    gaps: min === null || max === null ? 0 : max - min + 1 - Number(count),
  };
}
