/**
 * Ingestion end to end against real PostgreSQL and the project's Beacon API simulator: what is
 * stored must equal what the scenario implies, an epoch is written whole or not at all, and
 * beacon faults are retried without losing or duplicating anything.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, saveOperatorDefinitions, type Db } from "../../src/db/index.js";
import {
  createIngester,
  FLAG_HEAD_HIT,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
  type Ingester,
} from "../../src/ingest/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import {
  Flag,
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
  scenarioOperatorFile,
} from "../../src/simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { countsAsPerformance } from "./countsAsPerformance.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("ingesting the simulator's chain", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let beacon: BeaconClient;
  let ingester: Ingester;
  const metrics = createMetrics();
  const HEAD_EPOCH = 9;
  let finalized: number;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    sim.advanceToEpoch(HEAD_EPOCH);
    finalized = sim.status().finalizedEpoch;
    beacon = await createBeaconClient({
      // A dead node first: every request must fail over to the simulator.
      options: {
        urls: ["http://127.0.0.1:9", sim.url],
        timeoutMs: 3000,
        retries: 3,
        retryBaseMs: 10,
      },
      logger,
      metrics,
    });
    ingester = createIngester({ beacon, db, logger, metrics, bulkTimeoutMs: 3000 });
    const defs = parseOperatorFile({
      content: JSON.stringify(scenarioOperatorFile(sim.chain.scenario)),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });
  });

  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("refuses an epoch that is not final yet", async () => {
    await assert.rejects(ingester.ingestEpoch(finalized - 1, finalized), {
      code: "INGEST_NOT_FINALIZED",
    });
  });

  it("stores every final epoch with the figures the scenario implies", async () => {
    const last = finalized - 2;
    for (let epoch = 0; epoch <= last; epoch++) {
      const result = await ingester.ingestEpoch(epoch, finalized);
      assert.equal(result.status, "ingested");
    }
    for (let epoch = 0; epoch <= last; epoch++) await checkEpoch(epoch);
  });

  async function checkEpoch(epoch: number) {
    const truth = sim.chain.epochTruth(epoch);
    const n = sim.chain.validatorCount;
    const { rows: ops } = await db.pool.query(`SELECT * FROM operator_epoch WHERE epoch = $1`, [
      epoch,
    ]);
    const byOp = new Map(ops.map((r) => [r.operator_id, r]));
    for (const op of sim.chain.operators) {
      let sourceMisses = 0,
        targetMisses = 0,
        headMisses = 0,
        sourceEarned = 0,
        headEarned = 0,
        duties = 0;
      for (let i = 0; i < n; i++) {
        if (sim.chain.operatorOf(i)?.id !== op.id) continue;
        if (!countsAsPerformance(sim.chain, epoch, i)) continue;
        duties++;
        const f = truth.flags[i];
        if (!(f & Flag.source)) sourceMisses++;
        if (!(f & Flag.target)) targetMisses++;
        if (!(f & Flag.head)) headMisses++;
        const r = truth.rewardsOf(i);
        sourceEarned += r.source;
        headEarned += r.head;
      }
      const row = byOp.get(op.id);
      assert.ok(row, `operator ${op.id} has an aggregate for epoch ${epoch}`);
      assert.equal(row.attestation_duties, duties, `${op.id}@${epoch} duties`);
      assert.equal(row.source_misses, sourceMisses, `${op.id}@${epoch} source misses`);
      assert.equal(row.target_misses, targetMisses, `${op.id}@${epoch} target misses`);
      assert.equal(row.head_misses, headMisses, `${op.id}@${epoch} head misses`);
      assert.equal(row.source_earned, sourceEarned, `${op.id}@${epoch} source earned`);
      assert.equal(row.head_earned, headEarned, `${op.id}@${epoch} head earned`);
      // A slashed proposer's block is invalid whatever it does: not a performance duty.
      const proposals = truth.proposals.filter(
        (p) =>
          sim.chain.operatorOf(p.proposer)?.id === op.id &&
          !sim.chain.schedule.isSlashedAt(p.proposer, epoch),
      );
      assert.equal(row.proposal_duties, proposals.length, `${op.id}@${epoch} proposal duties`);
      assert.equal(
        row.proposals_produced,
        proposals.filter((p) => p.produced).length,
        `${op.id}@${epoch} proposals produced`,
      );
    }
    const { rows: proposals } = await db.pool.query(
      `SELECT slot, proposer_index, produced FROM proposal WHERE epoch = $1 ORDER BY slot`,
      [epoch],
    );
    assert.deepEqual(
      proposals.map((p) => [p.slot, p.proposer_index, p.produced]),
      truth.proposals.map((p) => [p.slot, p.proposer, p.produced]),
    );
    const { rows: slashings } = await db.pool.query(
      `SELECT type, offending_indices FROM slashing WHERE epoch = $1 ORDER BY slot, type, position`,
      [epoch],
    );
    const slashedIndices = slashings.flatMap((s) => s.offending_indices).sort((a, b) => a - b);
    const expected = truth.slashings.map((s) => s.validatorIndex).sort((a, b) => a - b);
    assert.deepEqual(slashedIndices, expected, `slashings in epoch ${epoch}`);
    const { rows: packed } = await db.pool.query(
      `SELECT balance, flags FROM epoch_validators WHERE epoch = $1`,
      [epoch],
    );
    const balance = Buffer.from(packed[0].balance);
    for (let i = 0; i < n; i += 17) {
      const stored = balance.readUInt32LE(i * 8) + balance.readUInt32LE(i * 8 + 4) * 2 ** 32;
      assert.equal(stored, truth.balanceEnd[i], `balance of ${i} at end of ${epoch}`);
      const flags = packed[0].flags[i];
      if (String(truth.statusOf(i)).startsWith("active")) {
        assert.equal(
          Boolean(flags & FLAG_SOURCE_HIT),
          Boolean(truth.flags[i] & Flag.source),
          `source flag of ${i}@${epoch}`,
        );
        assert.equal(
          Boolean(flags & FLAG_TARGET_HIT),
          Boolean(truth.flags[i] & Flag.target),
          `target flag of ${i}@${epoch}`,
        );
        assert.equal(
          Boolean(flags & FLAG_HEAD_HIT),
          Boolean(truth.flags[i] & Flag.head),
          `head flag of ${i}@${epoch}`,
        );
      }
    }
  }

  it("finds the scenario's slashing cluster and offline window", async () => {
    const { rows } = await db.pool.query(
      `SELECT operator_id, sum(newly_slashed)::int AS slashed, sum(source_misses)::int AS misses FROM operator_epoch GROUP BY operator_id`,
    );
    const by = new Map(rows.map((r) => [r.operator_id, r]));
    const slashedInScenario = sim.chain.slashings.filter((s) => s.epoch <= finalized - 2).length;
    assert.ok(slashedInScenario > 0);
    assert.equal(by.get("op-c")?.slashed, slashedInScenario);
    assert.ok(
      by.get("op-b")!.misses > by.get("op-a")!.misses,
      "the offline operator misses more than the healthy one",
    );
  });

  it("changes nothing when an epoch is ingested again", async () => {
    const before = await counts();
    assert.equal((await ingester.ingestEpoch(1, finalized)).status, "already-ingested");
    // A fresh ingester (as after a restart) must also see the stored epoch.
    const fresh = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    assert.equal((await fresh.ingestEpoch(2, finalized)).status, "already-ingested");
    assert.deepEqual(await counts(), before);
  });

  async function counts() {
    const { rows } =
      await db.pool.query(`SELECT (SELECT count(*) FROM epoch) e, (SELECT count(*) FROM operator_epoch) o,
      (SELECT count(*) FROM proposal) p, (SELECT count(*) FROM slashing) s, (SELECT count(*) FROM validator_change) c`);
    return rows[0];
  }

  it("retries through 5xx, malformed, truncated and slow answers", async () => {
    sim.advanceToEpoch(HEAD_EPOCH + 1);
    finalized = sim.status().finalizedEpoch;
    sim.faults.inject({ path: "/validators$", kind: "5xx", status: 503, times: 1 });
    sim.faults.inject({ path: "/rewards/attestations", kind: "malformed", times: 1 });
    sim.faults.inject({ path: "/eth/v2/beacon/blocks", kind: "truncate", times: 2 });
    sim.faults.inject({ path: "/duties/proposer", kind: "timeout", times: 1 });
    const result = await ingester.ingestEpoch(finalized - 2, finalized);
    sim.faults.clear();
    assert.equal(result.status, "ingested");
    await checkEpoch(finalized - 2);
    const errors = await metrics.registry.getSingleMetricAsString(
      "oracle_beacon_request_errors_total",
    );
    for (const kind of ["http_5xx", "malformed", "timeout"])
      assert.match(errors, new RegExp(`kind="${kind}"`));
  });

  it("writes nothing of an epoch whose beacon node stays broken", async () => {
    sim.advanceToEpoch(HEAD_EPOCH + 2);
    finalized = sim.status().finalizedEpoch;
    const epoch = finalized - 2;
    sim.faults.inject({ path: "/rewards/attestations", kind: "5xx", status: 500 });
    await assert.rejects(ingester.ingestEpoch(epoch, finalized), { code: "BEACON_UNAVAILABLE" });
    sim.faults.clear();
    for (const table of ["epoch", "epoch_validators", "operator_epoch", "proposal", "epoch_sync"]) {
      const { rows } = await db.pool.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE epoch = $1`,
        [epoch],
      );
      assert.equal(rows[0].n, 0, `${table} has nothing of epoch ${epoch}`);
    }
    assert.equal((await ingester.ingestEpoch(epoch, finalized)).status, "ingested");
  });

  it("rolls back the whole epoch when a write fails midway", async () => {
    sim.advanceToEpoch(HEAD_EPOCH + 3);
    finalized = sim.status().finalizedEpoch;
    const epoch = finalized - 2;
    // A stray row makes the epoch_validators insert fail after validators and operators were written.
    await db.pool.query(
      `INSERT INTO epoch_sync (epoch, slots_with_block, members, participated) VALUES ($1, 0, ''::bytea, ''::bytea)`,
      [epoch],
    );
    await assert.rejects(ingester.ingestEpoch(epoch, finalized), /duplicate key/);
    for (const table of [
      "epoch",
      "epoch_validators",
      "operator_epoch",
      "proposal",
      "validator_change",
    ]) {
      const { rows } = await db.pool.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE epoch = $1`,
        [epoch],
      );
      assert.equal(rows[0].n, 0, `${table} has nothing of epoch ${epoch}`);
    }
    await db.pool.query(`DELETE FROM epoch_sync WHERE epoch = $1`, [epoch]);
    assert.equal((await ingester.ingestEpoch(epoch, finalized)).status, "ingested");
    await checkEpoch(epoch);
  });

  it("attributes validators by operator labels imported while it runs, without a restart", async () => {
    sim.advanceToEpoch(HEAD_EPOCH + 4);
    finalized = sim.status().finalizedEpoch;
    const epoch = finalized - 2;
    // Three active validators of op-a move to a new operator by pubkey label.
    const n = sim.chain.validatorCount;
    const truth = sim.chain.epochTruth(epoch);
    const activeOfA = [...Array(n).keys()].filter(
      (i) =>
        sim.chain.operatorOf(i)?.id === "op-a" && String(truth.statusOf(i)).startsWith("active"),
    );
    const moved = activeOfA.slice(0, 3);
    assert.equal(moved.length, 3);
    const { rows } = await db.pool.query<{ index: number; pubkey: Buffer }>(
      `SELECT index, pubkey FROM validator WHERE index = ANY($1)`,
      [moved],
    );
    const pubkeyOf = (r: { pubkey: Buffer }) => `0x${r.pubkey.toString("hex")}`;
    const defs = parseOperatorFile({
      content: JSON.stringify({
        pools: sim.chain.scenario.pools,
        operators: [
          {
            id: "op-moved",
            name: "Moved",
            pool: sim.chain.scenario.pools[0].id,
            pubkeys: rows.map(pubkeyOf),
          },
        ],
      }),
      format: "json",
      source: "relabel",
    });
    await saveOperatorDefinitions({
      pool: db.pool,
      defs,
      source: "relabel",
      resolved: new Map(rows.map((r) => [pubkeyOf(r), r.index])),
    });

    assert.equal((await ingester.ingestEpoch(epoch, finalized)).status, "ingested");
    const { rows: ops } = await db.pool.query(
      `SELECT operator_id, attestation_duties FROM operator_epoch WHERE epoch = $1`,
      [epoch],
    );
    const duties = new Map(ops.map((r) => [r.operator_id, r.attestation_duties]));
    assert.equal(duties.get("op-moved"), 3);
    assert.equal(duties.get("op-a"), activeOfA.length - 3);
  });
});
