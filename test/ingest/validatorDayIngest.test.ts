/**
 * The day rows and the per-epoch attribution through real ingestion (the simulator's chain into
 * real PostgreSQL): each validator's counted duties and source hits must be what the scenario's
 * truth implies, and each epoch's stored attribution must group validators as its operator_epoch
 * rows did.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, saveOperatorDefinitions, type Db } from "../../src/db/index.js";
import { createIngester, type Ingester } from "../../src/ingest/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import {
  Flag,
  loadScenario,
  scenarioOperatorFile,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { countsAsPerformance } from "./countsAsPerformance.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("day rows from ingesting the simulator's chain", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let ingester: Ingester;
  let last: number;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    sim.advanceToEpoch(9);
    const finalized = sim.status().finalizedEpoch;
    last = finalized - 2;
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 3, retryBaseMs: 10 },
      logger,
    });
    ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    const defs = parseOperatorFile({
      content: JSON.stringify(scenarioOperatorFile(sim.chain.scenario)),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });
    for (let epoch = 0; epoch <= last; epoch++)
      assert.equal((await ingester.ingestEpoch(epoch, finalized)).status, "ingested");
  });

  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("counts each validator's duties and source hits of day 0 as the scenario's truth has them", async () => {
    assert.ok(last >= 3, `only ${last + 1} epochs ingested`);
    const { rows } = await db.pool.query<{
      count: number;
      epochs: Buffer;
      assigned: Buffer;
      included: Buffer;
    }>("SELECT count, epochs, assigned, included FROM validator_day WHERE day = 0");
    assert.equal(rows.length, 1);
    const n = sim.chain.validatorCount;
    const assigned = new Uint8Array(n);
    const included = new Uint8Array(n);
    let slashedLeftOut = 0;
    for (let epoch = 0; epoch <= last; epoch++) {
      const truth = sim.chain.epochTruth(epoch);
      for (let i = 0; i < n; i++) {
        if (!countsAsPerformance(sim.chain, epoch, i)) {
          if (sim.chain.schedule.isSlashedAt(i, epoch)) slashedLeftOut++;
          continue;
        }
        assigned[i]++;
        if (truth.flags[i] & Flag.source) included[i]++;
      }
    }
    assert.equal(rows[0].count, n);
    assert.deepEqual(rows[0].assigned, Buffer.from(assigned));
    assert.deepEqual(rows[0].included, Buffer.from(included));
    // Bits 0..last set, no other.
    const bits = [...rows[0].epochs].flatMap((byte, b) =>
      [0, 1, 2, 3, 4, 5, 6, 7].filter((k) => byte & (1 << k)).map((k) => b * 8 + k),
    );
    assert.deepEqual(
      bits,
      Array.from({ length: last + 1 }, (_, e) => e),
    );
    // The scenario has misses and a slashing, so both rules were exercised.
    assert.ok(
      included.some((v, i) => v < assigned[i]),
      "some source missed",
    );
    assert.ok(slashedLeftOut > 0, "a slashed validator's duties left out");
  });

  it("stores each epoch's attribution as its operator_epoch rows were summed", async () => {
    for (const epoch of [0, last]) {
      const { rows } = await db.pool.query<{ operators: Buffer; operator_ids: string[] }>(
        "SELECT operators, operator_ids FROM epoch_validators WHERE epoch = $1",
        [epoch],
      );
      const ops = rows[0].operators;
      const perOperator = new Map<string, number>();
      for (let i = 0; i < ops.length / 4; i++) {
        const id = rows[0].operator_ids[ops.readInt32LE(i * 4)];
        assert.equal(id, sim.chain.operatorOf(i)?.id ?? "unlabelled", `validator ${i}`);
        perOperator.set(id, (perOperator.get(id) ?? 0) + 1);
      }
      const { rows: stored } = await db.pool.query<{ operator_id: string; validators: number }>(
        "SELECT operator_id, validators FROM operator_epoch WHERE epoch = $1",
        [epoch],
      );
      assert.ok(stored.length >= 2);
      assert.deepEqual(new Map(stored.map((r) => [r.operator_id, r.validators])), perOperator);
    }
  });
});
