import { buildApp, type BuildAppReturnType } from "../../src/api/index.js";
import { createLogger } from "../../src/common/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { seedApi } from "./seedApi.js";

export type ApiResponse = { status: number; headers: Record<string, unknown>; body: any };
export type ApiTestApp = {
  app: BuildAppReturnType;
  db: Db;
  metrics: Metrics;
  database: TestDatabase;
  /** GET through app.inject(); the body parsed as JSON (undefined when empty, as on a 304). */
  get(url: string, headers?: Record<string, string>): Promise<ApiResponse>;
  close(): Promise<void>;
};

/**
 * The real API on a fresh database seeded by seedApi; `env` overrides settings (rate limit,
 * CORS). `seed: false` leaves the database empty.
 */
export async function apiTestApp({
  env = {},
  seed = true,
}: {
  env?: Record<string, string>;
  seed?: boolean;
} = {}): Promise<ApiTestApp> {
  const logger = createLogger({ level: "silent" });
  const database = await createTestDatabase();
  const db = createDb({ url: database.url, logger });
  if (seed) await seedApi(db.pool);
  const metrics = createMetrics();
  // The answer cache is off unless a test turns it on: most tests change rows and read them back at once.
  const config = loadConfig({ env: { LOG_LEVEL: "silent", API_CACHE_REFRESH_MS: "0", ...env } });
  const app = await buildApp({ db, config, logger, metrics });
  return {
    app,
    db,
    metrics,
    database,
    async get(url, headers = {}) {
      const res = await app.inject({ method: "GET", url, headers });
      return {
        status: res.statusCode,
        headers: res.headers,
        body: res.body ? res.json() : undefined,
      };
    },
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
}
