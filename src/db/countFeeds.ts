import type pg from "pg";

/** How many feeds the database has assigned (feed indexes are 0..count-1, in assignment order). */
export async function countFeeds(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM feed`);
  return rows[0].n;
}
