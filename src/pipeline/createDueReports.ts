import type pg from "pg";
import { createReports } from "../db/index.js";

export type CreateDueReportsParameters = { pool: pg.Pool; reportEvery: number; batchSize: number };

/**
 * Creates the reports owed by scored report epochs (multiples of `reportEvery`, genesis aside).
 * Only epochs newer than every existing report count: RiskOracle accepts a feed's scores in
 * increasing epoch order only, so an older epoch scored late would be refused on-chain anyway.
 * Returns the ids of the reports created (or already there for those epochs).
 */
export async function createDueReports({
  pool,
  reportEvery,
  batchSize,
}: CreateDueReportsParameters): Promise<number[]> {
  const { rows } = await pool.query<{ epoch: number }>(
    `SELECT s.epoch FROM score_run s WHERE s.epoch > 0 AND s.epoch % $1 = 0 AND s.operators > 0
     AND s.epoch > coalesce((SELECT max(epoch) FROM report), -1) ORDER BY s.epoch`,
    [reportEvery],
  );
  const ids: number[] = [];
  for (const { epoch } of rows)
    ids.push(...(await createReports({ pool, epoch, batchSize })).reportIds);
  return ids;
}
