/**
 * Operator definitions by validator index imported before the validators are stored (the usual
 * order on a fresh database) apply when ingestion first sees them, instead of leaving those
 * validators in `unlabelled` for good.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import {
  createDb,
  saveOperatorDefinitions,
  type Db,
  type SaveOperatorDefinitionsReturnType,
} from "../../src/db/index.js";
import { createIngester } from "../../src/ingest/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { advanceStaging } from "./advanceStaging.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("operator import by validator index", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let imported: SaveOperatorDefinitionsReturnType;
  const indices = [3, 5, 7, 11, 200];

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // A non-archive node from genesis: epochs are staged near the head while it serves them.
    sim = await startSimulator({ scenario: { ...loadScenario("test"), headStartEpoch: 0 } });
    const content = JSON.stringify({
      operators: [{ id: "by-index", name: "By index", validatorIndices: indices }],
    });
    imported = await saveOperatorDefinitions({
      pool: db.pool,
      defs: parseOperatorFile({ content, format: "json", source: "indices.json" }),
      source: "indices.json",
      resolved: new Map(),
    });
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
      logger,
    });
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    await advanceStaging({ sim, ingester, toEpoch: 6 });
    const finalized = sim.status().finalizedEpoch;
    for (const epoch of [0, 1]) await ingester.ingestEpoch(epoch, finalized);
  });

  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("maps no stored validator on an empty database, and says how many index labels it kept", () => {
    assert.equal(imported.validatorsMapped, 0);
    assert.equal(imported.indexLabels, indices.length);
  });

  it("applies the index labels to validators ingested after the import", async () => {
    const { rows } = await db.pool.query<{ index: number; operator_id: string }>(
      `SELECT index, operator_id FROM validator WHERE operator_id = 'by-index' ORDER BY index`,
    );
    assert.deepEqual(
      rows.map((r) => r.index),
      indices,
    );
    const { rows: agg } = await db.pool.query<{ epoch: number; validators: number }>(
      `SELECT epoch, validators FROM operator_epoch WHERE operator_id = 'by-index' ORDER BY epoch`,
    );
    assert.deepEqual(
      agg.map((r) => [r.epoch, r.validators]),
      [
        [0, indices.length],
        [1, indices.length],
      ],
    );
  });
});
