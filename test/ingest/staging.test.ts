/**
 * The staging of the non-archive design is kept in PostgreSQL: reads near the head survive an
 * ingester restart and are promoted exactly once; a reorg that replaces a staged block discards
 * the staged read and reads the epoch again, so what is promoted matches the canonical chain.
 * The simulator runs pruned (a non-archive node), so an epoch promoted after its states were
 * pruned can only have come from the staging.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, toHex, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createIngester } from "../../src/ingest/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("staging in PostgreSQL", () => {
  let database: TestDatabase;
  let sim: StartSimulatorReturnType;
  let beacon: BeaconClient;
  const dbs: Db[] = [];
  const openDb = () => {
    const db = createDb({ url: database.url, logger });
    dbs.push(db);
    return db;
  };
  const SPE = 32;

  before(async () => {
    database = await createTestDatabase();
    sim = await startSimulator({ scenario: loadScenario("test") }); // pruned storage
    beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 0, retryBaseMs: 10 },
      logger,
    });
  });
  after(async () => {
    for (const db of dbs) await db.close();
    await sim?.close();
    await database?.drop();
  });

  const stagedRoots = async (db: Db, epoch: number) =>
    (
      await db.pool.query<{ block_roots: string[] }>(
        "SELECT block_roots FROM staged_epoch WHERE epoch = $1",
        [epoch],
      )
    ).rows[0]?.block_roots;
  const canonicalRoots = (epoch: number) =>
    Array.from({ length: SPE }, (_, k) => epoch * SPE + k).map((s) =>
      sim.chain.schedule.produced(s) ? toHex(sim.chain.blockRootAt(s)) : "",
    );

  it("a reorg discards the staged read of the orphaned block; the promoted epoch is the canonical one", async () => {
    const db = openDb();
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    const EPOCH = 5;
    sim.advanceToEpoch(EPOCH + 2); // the head past the end of E + 1: E's rewards are answered
    await ingester.stageNearHead(sim.headSlot());
    assert.ok((await ingester.stagedEpochs()).includes(EPOCH));
    const before = await stagedRoots(db, EPOCH);
    assert.deepEqual(before, canonicalRoots(EPOCH));

    // Replace a produced block in the middle of E (after the finalized checkpoint).
    const slot = Array.from({ length: SPE / 2 }, (_, k) => EPOCH * SPE + SPE / 2 + k).find((s) =>
      sim.chain.schedule.produced(s),
    )!;
    const orphan = toHex(sim.chain.blockRootAt(slot));
    sim.reorg(slot);
    assert.notEqual(toHex(sim.chain.blockRootAt(slot)), orphan);

    await ingester.stageNearHead(sim.headSlot());
    const after = await stagedRoots(db, EPOCH);
    assert.deepEqual(after, canonicalRoots(EPOCH), "re-read after the reorg");
    assert.ok(!after.includes(orphan), "the orphaned block's read is gone");

    sim.advanceToEpoch(EPOCH + 4); // finalized E + 2: E is final, and its states are pruned
    assert.equal(sim.status().finalizedEpoch, EPOCH + 2);
    const result = await ingester.ingestEpoch(EPOCH, sim.status().finalizedEpoch);
    assert.equal(result.status, "ingested");
    const { rows } = await db.pool.query<{ slot: number; block_root: Buffer | null }>(
      "SELECT slot, block_root FROM proposal WHERE epoch = $1 ORDER BY slot",
      [EPOCH],
    );
    assert.equal(rows.length, SPE);
    assert.deepEqual(
      rows.map((r) => (r.block_root ? toHex(r.block_root) : "")),
      canonicalRoots(EPOCH),
    );
    assert.ok(!(await ingester.stagedEpochs()).includes(EPOCH), "promoted: no longer staged");
  });

  it("staged rows survive a restart and are promoted once", async () => {
    const EPOCH = sim.status().headEpoch - 2; // 7: the newest epoch the head has passed the end of + 1
    const first = createIngester({ beacon, db: openDb(), logger, bulkTimeoutMs: 3000 });
    await first.stageNearHead(sim.headSlot());
    assert.ok((await first.stagedEpochs()).includes(EPOCH));

    // A new process: nothing in memory, only what PostgreSQL kept.
    const db = openDb();
    const restarted = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    sim.advanceToEpoch(EPOCH + 4);
    const finalized = sim.status().finalizedEpoch;
    assert.equal(finalized, EPOCH + 2);
    // The pruned node no longer answers the epoch's rewards: only the staged read can serve.
    const direct = await fetch(`${sim.url}/eth/v1/beacon/rewards/attestations/${EPOCH}`, {
      method: "POST",
      body: "[]",
      headers: { "content-type": "application/json" },
    });
    assert.equal(direct.status, 500);
    assert.equal((await restarted.ingestEpoch(EPOCH, finalized)).status, "ingested");
    assert.equal((await restarted.ingestEpoch(EPOCH, finalized)).status, "already-ingested");
    assert.equal((await first.ingestEpoch(EPOCH, finalized)).status, "already-ingested");
    const { rows } = await db.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM epoch WHERE epoch = $1",
      [EPOCH],
    );
    assert.equal(Number(rows[0].n), 1);
    assert.ok(!(await restarted.stagedEpochs()).includes(EPOCH));
  });

  it("stages no epoch before stageFromEpoch (nothing would ingest it)", async () => {
    const ingester = createIngester({
      beacon,
      db: openDb(),
      logger,
      bulkTimeoutMs: 3000,
      stageFromEpoch: 12,
    });
    // The follower's rounds from epoch 11 on: it keeps the duties of 11 to 14, so 10 to 12 could
    // all be read near the head; only 12 and later may be.
    for (const head of [11, 12, 13, 14]) {
      sim.advanceToEpoch(head);
      await ingester.stageNearHead(sim.headSlot());
    }
    const staged = await ingester.stagedEpochs();
    assert.ok(staged.includes(12), `staged ${staged}`);
    assert.ok(!staged.includes(11) && !staged.includes(10), `staged ${staged}`);
  });
});
