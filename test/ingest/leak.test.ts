/**
 * An inactivity leak end to end: the simulator stalls finality long enough for the leak (correct
 * votes earn 0, only misses are penalised), and the stored misses must equal the chain's own
 * participation flags, not "every validator missed" as counting reward > 0 gives.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, saveOperatorDefinitions, type Db } from "../../src/db/index.js";
import { createIngester, lastIngestableEpoch } from "../../src/ingest/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import {
  Flag,
  startSimulator,
  type ScenarioInput,
  type StartSimulatorReturnType,
  scenarioOperatorFile,
} from "../../src/simulator/index.js";
import { advanceStaging } from "./advanceStaging.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { countsAsPerformance } from "./countsAsPerformance.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("ingesting an inactivity leak", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  const leakEpochs: number[] = [];

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    const scenario = JSON.parse(
      readFileSync(new URL("../../src/simulator/scenarios/test.json", import.meta.url), "utf8"),
    ) as ScenarioInput & { operators: { id: string; offline?: unknown[] }[] };
    // Finality stalls for epochs 2–11; op-b has half its validators offline through the leak.
    scenario.finalityStalls = [{ fromEpoch: 2, toEpoch: 11 }];
    scenario.operators.find((o) => o.id === "op-b")!.offline = [
      { fromEpoch: 7, toEpoch: 10, fraction: 0.5 },
    ];
    // A non-archive node from genesis: every epoch is staged near the head while it is served.
    scenario.headStartEpoch = 0;
    sim = await startSimulator({ scenario });
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
      logger,
    });
    const defs = parseOperatorFile({
      content: JSON.stringify(scenarioOperatorFile(sim.chain.scenario)),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    await advanceStaging({ sim, ingester, toEpoch: 16 });
    const finalized = sim.status().finalizedEpoch;
    for (let epoch = 0; epoch <= lastIngestableEpoch(finalized); epoch++) {
      await ingester.ingestEpoch(epoch, finalized);
      if (sim.chain.epochTruth(epoch).inLeak) leakEpochs.push(epoch);
    }
  });

  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("counts source and target misses from the chain's participation flags during the leak", async () => {
    assert.ok(leakEpochs.length >= 3, `leak epochs ingested: ${leakEpochs}`);
    let offlineMisses = 0;
    for (const epoch of leakEpochs) {
      const truth = sim.chain.epochTruth(epoch);
      const { rows } = await db.pool.query(`SELECT * FROM operator_epoch WHERE epoch = $1`, [
        epoch,
      ]);
      const byOp = new Map(rows.map((r) => [r.operator_id, r]));
      for (const op of sim.chain.operators) {
        let duties = 0,
          source = 0,
          target = 0,
          head = 0;
        for (let i = op.firstIndex; i < op.firstIndex + op.validatorCount; i++) {
          if (!countsAsPerformance(sim.chain, epoch, i)) continue;
          duties++;
          if (!(truth.flags[i] & Flag.source)) source++;
          if (!(truth.flags[i] & Flag.target)) target++;
          if (!(truth.flags[i] & Flag.head)) head++;
        }
        const row = byOp.get(op.id);
        assert.ok(row, `${op.id}@${epoch}`);
        assert.equal(row.attestation_duties, duties, `${op.id}@${epoch} duties`);
        assert.equal(row.source_misses, source, `${op.id}@${epoch} source misses`);
        assert.equal(row.target_misses, target, `${op.id}@${epoch} target misses`);
        // Timely and late head votes both earn 0 in a leak: the stored count is the target's,
        // a lower bound of the true head misses.
        assert.equal(row.head_misses, target, `${op.id}@${epoch} head misses`);
        assert.ok(row.head_misses <= head);
        assert.ok(source < duties, `${op.id}@${epoch}: not every validator missed`);
        if (op.id === "op-b" && epoch >= 7 && epoch <= 10) offlineMisses += row.target_misses;
      }
    }
    assert.ok(offlineMisses >= 32, `op-b's offline half shows as target misses (${offlineMisses})`);
  });

  it("books the leak's penalties only on the validators that missed", async () => {
    const { rows } = await db.pool.query(
      `SELECT operator_id, sum(inactivity_penalty)::float8 AS penalty, sum(target_misses)::int AS misses FROM operator_epoch WHERE epoch = ANY($1) GROUP BY operator_id`,
      [leakEpochs],
    );
    const by = new Map(rows.map((r) => [r.operator_id, r]));
    assert.ok(by.get("op-b")!.penalty > 0);
    assert.ok(
      by.get("op-b")!.penalty > by.get("op-a")!.penalty * 2,
      "the offline operator pays most of the leak",
    );
  });
});
