import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import type { Logger } from "../common/logger.js";

export type Db = {
  /** Typed queries for the API and small reads. */
  prisma: PrismaClient;
  /** Raw pool for bulk writes (COPY, unnest) that an ORM would make slow at mainnet scale. */
  pool: pg.Pool;
  close(): Promise<void>;
};

export type CreateDbParameters = { url: string; logger: Logger; max?: number };

/** One pool per process, shared by Prisma (through its pg adapter) and the bulk writers. */
export function createDb({ url, logger, max = 10 }: CreateDbParameters): Db {
  const pool = new pg.Pool({ connectionString: url, max, allowExitOnIdle: true });
  // A restarting PostgreSQL drops idle clients: log it instead of crashing the process; the
  // next query reconnects and the failed job is retried by the queue.
  pool.on("error", (error) => logger.warn({ err: error.message }, "idle PostgreSQL client error"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
