import type pg from "pg";

/** The operators with a feed that some posted report covers: the feeds whose on-chain staleness is watched. */
export async function loadPostedOperatorIds(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ ref_id: string }>(
    `SELECT DISTINCT r.ref_id FROM feed r JOIN report p ON p.status = 'posted' AND r.ref_id = ANY(p.operator_ids)`,
  );
  return rows.map((r) => r.ref_id);
}
