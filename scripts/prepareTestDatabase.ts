/**
 * Builds the template database that every integration test clones (CREATE DATABASE ... TEMPLATE),
 * so each test file gets an isolated, fully migrated database in milliseconds.
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import {
  TEST_TEMPLATE_DATABASE,
  adminDatabaseUrl,
  databaseUrlFor,
} from "../test/support/database.js";

const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${TEST_TEMPLATE_DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${TEST_TEMPLATE_DATABASE}`);
await admin.end();
execFileSync("npx", ["prisma", "migrate", "deploy"], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrlFor(TEST_TEMPLATE_DATABASE),
    CHECKPOINT_DISABLE: "1",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
console.log(`[test] template database ${TEST_TEMPLATE_DATABASE} migrated`);
