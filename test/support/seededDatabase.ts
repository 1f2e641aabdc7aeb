import { after, before } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { seedApi } from "./seedApi.js";

export type SeededDatabase = {
  /** A pool on the seeded database; set once the suite's `before` has run. */
  readonly pool: pg.Pool;
};

/**
 * Gives the calling suite a fresh database holding seedApi's world, created in its `before` and
 * dropped in its `after`: the set-up of the tests of reads over that world, which assert its
 * exact values. Call it directly inside `describe`.
 */
export function useSeededDatabase(): SeededDatabase {
  let database: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  before(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    await seedApi(pool);
  });
  after(async () => {
    await pool?.end();
    await database?.drop();
  });
  return {
    get pool() {
      if (!pool) throw new Error("the seeded database is set up in the suite's before hook");
      return pool;
    },
  };
}
