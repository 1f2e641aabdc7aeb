import type pg from "pg";
import { withTransaction } from "./withTransaction.js";

export type CreateReportsParameters = {
  pool: pg.Pool;
  epoch: number;
  /** Feeds per report: the circuit's batch size, a multiple of 14 (whole storage words). */
  batchSize: number;
};

export type CreateReportsReturnType = { reportIds: number[] };

type FeedRow = {
  feed_index: number;
  operator_id: string;
  features: number[] | null;
  model_sha256: string | null;
  feature_version: string | null;
};

/**
 * Splits the registered operator feeds into reports over consecutive feed ranges [k·B, (k+1)·B)
 * for a scored epoch, each carrying the feature vectors it will commit to. Every registered feed
 * of a range is covered: one without a score at the epoch gets a zero feature row (its proven
 * output is ignored, and it is reported as no data) rather than ending the report there, so the
 * feeds after it are not left stale. A range with no score at all is not reported. Idempotent: a
 * range already reported at this epoch is not created again; the ids of all its reports are returned.
 */
export async function createReports({
  pool,
  epoch,
  batchSize,
}: CreateReportsParameters): Promise<CreateReportsReturnType> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<FeedRow>(
      `SELECT f.feed_index, f.ref_id AS operator_id, s.features, s.model_sha256, s.feature_version
       FROM feed f LEFT JOIN operator_score s ON s.operator_id = f.ref_id AND s.epoch = $1
       WHERE f.kind = 'operator' ORDER BY f.feed_index`,
      [epoch],
    );
    const ranges = new Map<number, FeedRow[]>();
    for (const row of rows) {
      const first = Math.floor(row.feed_index / batchSize) * batchSize;
      const list = ranges.get(first) ?? [];
      ranges.set(first, list);
      list.push(row);
    }
    for (const [first, list] of ranges) {
      const scored = list.find((r) => r.features !== null);
      if (!scored?.features) continue;
      const width = scored.features.length;
      await client.query(
        `INSERT INTO report (epoch, first_feed_index, operator_ids, model_sha256, feature_version, features)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (epoch, first_feed_index) DO NOTHING`,
        [
          epoch,
          first,
          list.map((r) => r.operator_id),
          scored.model_sha256,
          scored.feature_version,
          JSON.stringify(list.map((r) => r.features ?? new Array<number>(width).fill(0))),
        ],
      );
    }
    const ids = await client.query<{ id: number }>(
      `SELECT id FROM report WHERE epoch = $1 ORDER BY first_feed_index`,
      [epoch],
    );
    return { reportIds: ids.rows.map((r) => r.id) };
  });
}
