import type pg from "pg";
import { withTransaction } from "./withTransaction.js";

export type CreateReportsParameters = {
  pool: pg.Pool;
  epoch: number;
  /** Feeds per report: the circuit's batch size, a multiple of 14 (whole storage words). */
  batchSize: number;
};

export type CreateReportsReturnType = { reportIds: number[] };

/**
 * Splits the operator scores of a scored epoch into reports over consecutive feed ranges
 * [k·B, (k+1)·B), each carrying the feature vectors it will commit to. Idempotent: a range
 * already reported at this epoch is not created again; the ids of all its reports are returned.
 */
export async function createReports({ pool, epoch, batchSize }: CreateReportsParameters): Promise<CreateReportsReturnType> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ feed_index: number; operator_id: string; features: number[]; model_sha256: string; feature_version: string }>(
      `SELECT f.feed_index, s.operator_id, s.features, s.model_sha256, s.feature_version
       FROM operator_score s JOIN feed f ON f.kind = 'operator' AND f.ref_id = s.operator_id
       WHERE s.epoch = $1 ORDER BY f.feed_index`,
      [epoch],
    );
    const ranges = new Map<number, typeof rows>();
    for (const row of rows) {
      const first = Math.floor(row.feed_index / batchSize) * batchSize;
      let list = ranges.get(first);
      if (!list) {
        list = [];
        ranges.set(first, list);
      }
      list.push(row);
    }
    for (const [first, list] of ranges) {
      // A report covers consecutive feeds only: stop at the first feed without a score here.
      const contiguous = list.filter((r, i) => r.feed_index === first + i);
      if (contiguous.length === 0) continue;
      await client.query(
        `INSERT INTO report (epoch, first_feed_index, operator_ids, model_sha256, feature_version, features)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (epoch, first_feed_index) DO NOTHING`,
        [epoch, first, contiguous.map((r) => r.operator_id), contiguous[0].model_sha256, contiguous[0].feature_version, JSON.stringify(contiguous.map((r) => r.features))],
      );
    }
    const ids = await client.query<{ id: number }>(`SELECT id FROM report WHERE epoch = $1 ORDER BY first_feed_index`, [epoch]);
    return { reportIds: ids.rows.map((r) => r.id) };
  });
}
