import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, it } from "node:test";
import { buildApp } from "../../src/api/index.js";
import { createLogger } from "../../src/common/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { FEATURE_VERSION } from "../../src/features/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { seedApi } from "../support/seedApi.js";

let database: TestDatabase;
let db: Db;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ url: database.url, logger: createLogger({ level: "silent" }) });
  await seedApi(db.pool);
});
after(async () => {
  await db?.close();
  await database?.drop();
});

it("a 500 is logged with the project's error code and what it concerns, and the answer says neither", async () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new PassThrough();
  destination.on("data", (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ),
  );
  const logger = createLogger({ level: "error", destination });
  const app = await buildApp({
    db,
    config: loadConfig({ env: { LOG_LEVEL: "error", API_CACHE_REFRESH_MS: "0" } }),
    logger,
    metrics: createMetrics(),
  });
  try {
    await db.pool.query(
      `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, proof, vk_hash, settings_hash, srs_k)
       VALUES (4, 175, 0, '{op-a}', 'proven', 'model-sha', $1, '[[0]]', '\\x00', 'missing', 'missing', 17)`,
      [FEATURE_VERSION],
    );
    const res = await app.inject({ method: "GET", url: "/v1/reports/4/artifacts" });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /API_ARTIFACTS_MISSING|proving_artifact/);
    const failed = lines.filter((l) => l.msg === "request failed");
    assert.equal(failed.length, 1);
    assert.equal(failed[0].code, "API_ARTIFACTS_MISSING");
    assert.deepEqual((failed[0].err as { meta?: unknown }).meta, { reportId: 4 });
  } finally {
    await app.close();
  }
});
