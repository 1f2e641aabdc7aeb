import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import {
  backfill,
  createIngester,
  lastIngestableEpoch,
  type Ingester,
} from "../../src/ingest/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: "silent" });

describe("backfill", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let beacon: BeaconClient;
  let ingester: Ingester;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    sim.advanceToEpoch(10);
    beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
      logger,
    });
    ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
  });
  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("ingests a range and reports progress for each epoch", async () => {
    let total = -1;
    let ticks = 0;
    const result = await backfill({
      beacon,
      db,
      ingester,
      from: 0,
      to: 3,
      progress: (n) => {
        total = n;
        return {
          tick: () => {
            ticks++;
          },
          done: () => undefined,
        };
      },
    });
    assert.deepEqual(result, { ingested: 4, skipped: 0 });
    assert.equal(total, 4);
    assert.equal(ticks, 4);
  });

  it("resumes from what is stored, as after a restart", async () => {
    // A fresh ingester stands for a restarted process.
    const restarted = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    const last = lastIngestableEpoch(sim.status().finalizedEpoch);
    const result = await backfill({ beacon, db, ingester: restarted, from: 0, to: last });
    assert.deepEqual(result, { ingested: last + 1 - 4, skipped: 4 });
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM epoch");
    assert.equal(rows[0].n, last + 1);
  });

  it("refuses an invalid range or epochs that are not final", async () => {
    await assert.rejects(backfill({ beacon, db, ingester, from: 5, to: 2 }), {
      code: "INGEST_INVALID_RANGE",
    });
    await assert.rejects(
      backfill({ beacon, db, ingester, from: 0, to: sim.status().finalizedEpoch }),
      { code: "INGEST_NOT_FINALIZED" },
    );
  });
});
