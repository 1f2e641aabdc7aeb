/**
 * The first epoch writes the whole registry: new validators are loaded by COPY straight into
 * `validator`, and into an empty registry its secondary indexes are dropped and rebuilt after
 * the load. The stored registry must equal the chain's and every index must be back as defined.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, toHex } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createIngester, type Ingester } from "../../src/ingest/index.js";
import {
  startSimulator,
  type ScenarioInput,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const VALIDATORS = 2_500; // above the COPY threshold (2,000)

describe("registry bulk load on the first epoch", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let ingester: Ingester;
  const indexes = async () =>
    (
      await db.pool.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'validator' ORDER BY indexname",
      )
    ).rows;
  let before_: { indexname: string; indexdef: string }[];
  const foreignKeys = async () =>
    (
      await db.pool.query<{ name: string; def: string }>(
        "SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'validator'::regclass AND contype = 'f' ORDER BY conname",
      )
    ).rows;
  let foreignKeysBefore: { name: string; def: string }[];

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    const scenario = JSON.parse(
      readFileSync(new URL("../../src/simulator/scenarios/test.json", import.meta.url), "utf8"),
    ) as ScenarioInput;
    scenario.validatorCount = VALIDATORS;
    sim = await startSimulator({ scenario, storage: "archive" });
    sim.advanceToEpoch(8);
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 5000, retries: 1, retryBaseMs: 10 },
      logger,
    });
    ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 5000 });
    before_ = await indexes();
    foreignKeysBefore = await foreignKeys();
  });
  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("stores every validator of the chain and rebuilds the indexes and foreign keys as defined", async () => {
    const finalized = sim.status().finalizedEpoch;
    assert.equal((await ingester.ingestEpoch(3, finalized)).status, "ingested");
    assert.equal((await ingester.ingestEpoch(4, finalized)).status, "ingested");
    const { rows } = await db.pool.query<{ index: number; pubkey: Buffer }>(
      "SELECT index, pubkey FROM validator ORDER BY index",
    );
    assert.equal(rows.length, VALIDATORS);
    for (const r of rows)
      assert.equal(toHex(r.pubkey), toHex(sim.chain.pubkey(r.index)), `pubkey of ${r.index}`);
    assert.ok(before_.length >= 4, `validator has its indexes (${before_.length})`);
    assert.deepEqual(await indexes(), before_);
    // The unique pubkey index is enforced again.
    await assert.rejects(
      db.pool.query(
        "INSERT INTO validator (index, pubkey, withdrawal_credentials, status, slashed, effective_balance_gwei, updated_epoch) SELECT $1, pubkey, withdrawal_credentials, status, slashed, effective_balance_gwei, updated_epoch FROM validator WHERE index = 0",
        [VALIDATORS],
      ),
      { code: "23505" },
    );
    // The operator foreign key, dropped for the load, is back and enforced.
    assert.equal(foreignKeysBefore.length, 1);
    assert.deepEqual(await foreignKeys(), foreignKeysBefore);
    await assert.rejects(
      db.pool.query("UPDATE validator SET operator_id = 'no such operator' WHERE index = 0"),
      { code: "23503" },
    );
  });
});
