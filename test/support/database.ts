import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_TEMPLATE_DATABASE = "oracle_test_template";

/** The server the tests use: the project's own PostgreSQL unless TEST_DATABASE_URL says otherwise. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:55432/postgres";
}

export function databaseUrlFor(database: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh, migrated database cloned from the template that `npm test` prepares. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `oracle_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEST_TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlFor(name),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
