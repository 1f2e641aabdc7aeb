import type pg from "pg";

export type LoadEpochScoresParameters = { pool: pg.Pool; epoch: number };

export type LoadEpochScoresReturnType = {
  operatorId: string;
  poolId: string | null;
  validators: number;
  scoreBps: number;
  grade: string;
}[];

/** The operators' scores of an epoch with each operator's pool, safest first (then by operator id). */
export async function loadEpochScores({
  pool,
  epoch,
}: LoadEpochScoresParameters): Promise<LoadEpochScoresReturnType> {
  const { rows } = await pool.query<LoadEpochScoresReturnType[number]>(
    `SELECT s.operator_id AS "operatorId", o.pool_id AS "poolId", s.validators, s.score_bps AS "scoreBps", s.grade
     FROM operator_score s JOIN operator o ON o.id = s.operator_id WHERE s.epoch = $1 ORDER BY s.score_bps, s.operator_id`,
    [epoch],
  );
  return rows;
}
