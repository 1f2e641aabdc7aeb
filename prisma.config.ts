import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

/**
 * Prisma 6.19 with the JavaScript schema engine: migrations run offline through the pg driver
 * adapter (Prisma 7 and the native engine would download binaries this project cannot reach).
 * Two adapter quirks are worked around here, only for the CLI's migration process:
 * - catalogue queries return columns of type `name` (oid 19) and `"char"` (oid 18), which the
 *   adapter cannot map; they are text, so they are reported as text (oid 25);
 * - the adapter's shadow database is dropped while its pool still holds connections, which
 *   PostgreSQL refuses; here the pool is closed first.
 */
// The schema's datasource reads DATABASE_URL, and a config file turns off .env loading: give the
// CLI the same local default as src/config so `prisma` commands work on a fresh clone.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:55432/oracle";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

class CatalogTextPool extends pg.Pool {
  // pg's overloads make a typed override impractical; the rewrite only touches field metadata.
  override query(...args: unknown[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.then((res: pg.QueryResult) => {
        for (const field of res?.fields ?? []) {
          if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID)
            field.dataTypeID = TEXT_OID;
        }
        return res;
      });
    }
    return result;
  }
}

function poolConfig(database?: string): pg.PoolConfig {
  const url = new URL(process.env.DATABASE_URL!);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password) || undefined,
    database: database ?? url.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

function migrationAdapter() {
  const factory = new PrismaPg(new CatalogTextPool(poolConfig()));
  return Object.assign(factory, {
    async connectToShadowDb() {
      const admin = new CatalogTextPool(poolConfig());
      const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      const shadow = new CatalogTextPool(poolConfig(database));
      const adapter = await new PrismaPg(shadow, { disposeExternalPool: false }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.end();
        await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.end();
      };
      return adapter;
    },
  });
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => migrationAdapter(),
});
