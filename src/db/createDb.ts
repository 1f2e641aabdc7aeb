import pg from "pg";
import type { Logger } from "../common/logger.js";

export type Db = {
  /**
   * The one pool of the process: every read and write is SQL in src/db (bulk writes by COPY and
   * unnest at mainnet scale). Prisma keeps the schema and the migrations only (prisma/).
   */
  pool: pg.Pool;
  close(): Promise<void>;
};

export type CreateDbParameters = { url: string; logger: Logger; max?: number };

/** One pool per process, shared by every query of src/db. */
export function createDb({ url, logger, max = 10 }: CreateDbParameters): Db {
  const pool = new pg.Pool({ connectionString: url, max, allowExitOnIdle: true });
  // A restarting PostgreSQL drops idle clients: log it instead of crashing the process; the
  // next query reconnects and the failed job is retried by the queue.
  pool.on("error", (error) => logger.warn({ err: error.message }, "idle PostgreSQL client error"));
  return {
    pool,
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}
