import type pg from "pg";

/**
 * Runs `fn` inside BEGIN/COMMIT on one pooled client, rolling back on any error. A checked-out
 * client gets its own error listener: without one, a server that goes away mid-transaction
 * would raise an uncaught 'error' event and kill the process instead of failing the job.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  const onError = (error: unknown) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.off("error", onError);
    // A client whose connection failed must not go back to the pool.
    client.release(broken instanceof Error ? broken : undefined);
  }
}
