import type pg from "pg";

/** What the follower last saw of the chain: the API's `/ready` reads it instead of the beacon node. */
export type FinalizedHead = { finalizedEpoch: number; seenAt: string };

const FINALIZED_KEY = "finalized_head";

export async function saveFinalizedHead(pool: pg.Pool, finalizedEpoch: number): Promise<void> {
  const value: FinalizedHead = { finalizedEpoch, seenAt: new Date().toISOString() };
  // Only ever moves forward, so a lagging follower replica cannot pull the head back.
  await pool.query(
    `INSERT INTO sync_state (key, value, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
     WHERE (sync_state.value->>'finalizedEpoch')::int <= (EXCLUDED.value->>'finalizedEpoch')::int`,
    [FINALIZED_KEY, JSON.stringify(value)],
  );
}

export async function loadFinalizedHead(pool: pg.Pool): Promise<FinalizedHead | null> {
  const { rows } = await pool.query<{ value: FinalizedHead }>(
    `SELECT value FROM sync_state WHERE key = $1`,
    [FINALIZED_KEY],
  );
  return rows[0]?.value ?? null;
}

const OPERATOR_DEFINITIONS_KEY = "operator_definitions";

/**
 * Bumped in the same transaction as every import of operator labels and rules, so a running
 * ingester notices new definitions with one small read per epoch instead of a restart.
 */
export async function bumpOperatorDefinitionsVersion(client: pg.PoolClient): Promise<void> {
  await client.query(
    `INSERT INTO sync_state (key, value, updated_at) VALUES ($1, '{"version":1}', now())
     ON CONFLICT (key) DO UPDATE SET value = jsonb_build_object('version', (sync_state.value->>'version')::int + 1), updated_at = now()`,
    [OPERATOR_DEFINITIONS_KEY],
  );
}

/** 0 before the first import. */
export async function loadOperatorDefinitionsVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ value: { version: number } }>(
    `SELECT value FROM sync_state WHERE key = $1`,
    [OPERATOR_DEFINITIONS_KEY],
  );
  return rows[0]?.value.version ?? 0;
}
