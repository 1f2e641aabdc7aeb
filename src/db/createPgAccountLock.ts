import type pg from "pg";

/** A lock runner: `fn` runs while the named lock is held (shape of the poster's `AccountLock`). */
export type PgAccountLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/**
 * A poster account's lock in PostgreSQL (a session advisory lock on a dedicated connection), so
 * post workers in different processes or machines that share the database never read the same
 * pending nonce and sign two transactions with it. The lock ends with the connection, so a
 * crashed worker cannot leave it held.
 */
export function createPgAccountLock(pool: pg.Pool): PgAccountLock {
  return async (key, fn) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // Two 32-bit keys: a namespace for poster accounts, and the account's hash.
      await client.query(
        `SELECT pg_advisory_lock(hashtext('risk-oracle:poster-account'), hashtext($1))`,
        [key],
      );
      try {
        return await fn();
      } finally {
        await client
          .query(
            `SELECT pg_advisory_unlock(hashtext('risk-oracle:poster-account'), hashtext($1))`,
            [key],
          )
          .catch((e: Error) => (broken = e));
      }
    } finally {
      // A connection whose unlock failed is discarded, which releases the lock with its session.
      client.release(broken);
    }
  };
}
