/**
 * Ingestion from a non-archive node: the simulator in its default "pruned" storage refuses past
 * proposer duties, states by slot before the finalized checkpoint or at empty slots, and rewards
 * of pruned states, as a real Lodestar node does. The follower stages each epoch near the head
 * while it is served and the ingester promotes it once final; what is stored must equal what the
 * scenario implies. An epoch the node no longer serves fails with a terminal code.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, saveOperatorDefinitions, type Db } from "../../src/db/index.js";
import {
  backfill,
  createFollower,
  createIngester,
  lastIngestableEpoch,
  type Ingester,
} from "../../src/ingest/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import {
  Flag,
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
  scenarioOperatorFile,
} from "../../src/simulator/index.js";
import { createHeadStepper } from "../support/createHeadStepper.js";
import { createNotifier } from "../support/createNotifier.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { countsAsPerformance } from "./countsAsPerformance.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const FIRST = 3;
const LAST_HEAD_EPOCH = 12;

describe("ingesting from a non-archive node", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let ingester: Ingester;
  let beacon: BeaconClient;
  const stop = new AbortController();
  let following: Promise<void>;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test") });
    assert.equal(sim.status().headEpoch, FIRST);
    beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
      logger,
      // As the worker wires it: the stop aborts the follower's beacon requests in flight.
      signal: stop.signal,
    });
    const defs = parseOperatorFile({
      content: JSON.stringify(scenarioOperatorFile(sim.chain.scenario)),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });
    ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    // The worker's queue, run in the follower's round: each stored epoch is an event to wait on.
    const ingested = createNotifier();
    const enqueue = async (epochs: number[], finalized: number) => {
      for (const epoch of epochs) {
        await ingester.ingestEpoch(epoch, finalized);
        ingested.notify();
      }
    };
    const head = createHeadStepper({ sim, ingester });
    const follower = createFollower({
      beacon,
      db,
      logger,
      enqueue,
      pollMs: 50,
      startEpoch: FIRST,
      onHead: head.onHead,
    });
    following = follower.run(stop.signal);
    await head.advance(LAST_HEAD_EPOCH);
    const last = lastIngestableEpoch(sim.status().finalizedEpoch);
    await ingested.until(async () => (await stored()).at(-1) === last, {
      what: `epochs up to ${last} stored`,
    });
  });

  after(async () => {
    stop.abort();
    await following;
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  const stored = async () =>
    (await db.pool.query<{ epoch: number }>("SELECT epoch FROM epoch ORDER BY epoch")).rows.map(
      (r) => r.epoch,
    );
  it("stores every final epoch from the first one it could read near the head", async () => {
    const last = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.ok(last >= FIRST + 5, `final epochs up to ${last}`);
    assert.deepEqual(
      await stored(),
      Array.from({ length: last - FIRST + 1 }, (_, k) => FIRST + k),
    );
  });

  it("stores the figures the scenario implies, proposers of missed slots included", async () => {
    const last = lastIngestableEpoch(sim.status().finalizedEpoch);
    let missed = 0;
    for (let epoch = FIRST; epoch <= last; epoch++) {
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
        assert.deepEqual(
          [row.attestation_duties, row.source_misses, row.target_misses, row.head_misses],
          [duties, source, target, head],
          `${op.id}@${epoch} duties and misses`,
        );
      }
      const { rows: proposals } = await db.pool.query(
        `SELECT slot, proposer_index, produced FROM proposal WHERE epoch = $1 ORDER BY slot`,
        [epoch],
      );
      assert.deepEqual(
        proposals.map((p) => [p.slot, p.proposer_index, p.produced]),
        truth.proposals.map((p) => [p.slot, p.proposer, p.produced]),
        `proposals of ${epoch}`,
      );
      missed += truth.proposals.filter((p) => !p.produced).length;
      const { rows: packed } = await db.pool.query(
        `SELECT balance FROM epoch_validators WHERE epoch = $1`,
        [epoch],
      );
      const balance = Buffer.from(packed[0].balance);
      for (let i = 0; i < sim.chain.validatorCount; i += 7) {
        assert.equal(
          balance.readUInt32LE(i * 8) + balance.readUInt32LE(i * 8 + 4) * 2 ** 32,
          truth.balanceEnd[i],
          `balance of ${i} at end of ${epoch}`,
        );
      }
    }
    assert.ok(missed > 0, "the scenario misses proposals in the ingested range");
  });

  it("backfill of history says the node cannot serve the range", async () => {
    await assert.rejects(backfill({ beacon, db, ingester, from: 0, to: 2 }), {
      code: "INGEST_NODE_CANNOT_SERVE",
    });
    assert.deepEqual(
      (await stored()).slice(0, 1),
      [FIRST],
      "nothing before the first staged epoch was stored",
    );
  });

  it("refuses an epoch the node no longer serves with a code naming the node's limitation", async () => {
    const finalized = sim.status().finalizedEpoch;
    await assert.rejects(ingester.ingestEpoch(1, finalized), (error: Error & { code?: string }) => {
      assert.equal(error.code, "INGEST_NODE_CANNOT_SERVE");
      assert.match(error.message, /archive node/);
      return true;
    });
  });
});
