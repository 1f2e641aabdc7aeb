/**
 * The follower and the BullMQ ingest queue against real Redis and PostgreSQL and a non-archive
 * (pruned) simulator, each epoch staged near the head and promoted once final: finalized epochs
 * are ingested as they finalize, nothing is enqueued during a finality stall, and a restart of
 * Redis (jobs lost) or an epoch write cut by PostgreSQL (its backend terminated mid-transaction)
 * loses no epoch.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createFollower, createIngester, lastIngestableEpoch } from "../../src/ingest/index.js";
import { createIngestQueue, redisConnection, type IngestQueue } from "../../src/queue/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createHeadStepper, type HeadStepper } from "../support/createHeadStepper.js";
import { createNotifier } from "../support/createNotifier.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:56379";

describe("following finality through the queue", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let queue: IngestQueue;
  const stop = new AbortController();
  let following: Promise<void>;

  let head: HeadStepper;
  const advance = (toEpoch: number) => head.advance(toEpoch);
  // Told by the queue worker after each stored epoch: waitForEpochs checks the table on that event.
  const ingested = createNotifier();

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // Pruned storage (a non-archive node) from genesis: every epoch is read near the head.
    sim = await startSimulator({ scenario: { ...loadScenario("test"), headStartEpoch: 0 } });
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 2, retryBaseMs: 20 },
      logger,
      // As the worker wires it: the stop aborts the follower's beacon requests in flight.
      signal: stop.signal,
    });
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    // Fast retries: the test's restarts should be survived within seconds.
    queue = createIngestQueue({
      connection: redisConnection(REDIS_URL),
      logger,
      prefix: `test-${database.name}`,
      backoffMs: 200,
    });
    queue.work(ingester, 1, async () => ingested.notify());
    head = createHeadStepper({ sim, ingester });
    const follower = createFollower({
      beacon,
      db,
      logger,
      enqueue: queue.enqueue,
      pollMs: 50,
      startEpoch: 0,
      onHead: head.onHead,
    });
    following = follower.run(stop.signal);
    await advance(6);
  });

  after(async () => {
    stop.abort();
    await following;
    await queue?.queue.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  const stored = async () =>
    (await db.pool.query<{ epoch: number }>("SELECT epoch FROM epoch ORDER BY epoch")).rows.map(
      (r) => r.epoch,
    );
  const range = (to: number) => Array.from({ length: to + 1 }, (_, i) => i);
  /** The stored epochs once there are to + 1 up to `to`, checked at each epoch the worker stores. */
  async function waitForEpochs(to: number, timeoutMs = 30_000) {
    await ingested.until(
      async () => {
        // The test's own reads may hit the restart too; only the pipeline must not lose data.
        const have = await stored().catch(() => [] as number[]);
        return have.length === to + 1 && have[to] >= to;
      },
      { timeoutMs, what: `epochs 0..${to} stored` },
    );
    return stored();
  }

  it("ingests every finalized epoch, then new ones as they finalize", async () => {
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.deepEqual(await waitForEpochs(target), range(target));
    await advance(8);
    const next = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.ok(next > target);
    assert.deepEqual(await waitForEpochs(next), range(next));
  });

  it("records nothing past the finalized checkpoint while finality stalls", async () => {
    const before = await stored();
    sim.setFinalityStall(true);
    // advance() returns once the follower has had a round at each of the twelve stalled heads.
    await advance(11);
    assert.deepEqual(await stored(), before);
    sim.setFinalityStall(false);
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.deepEqual(await waitForEpochs(target), range(target));
  });

  it("loses no epoch when Redis restarts with its queue lost", async () => {
    await advance(14);
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    restartRedis();
    assert.deepEqual(await waitForEpochs(target, 60_000), range(target));
  });

  it("loses no epoch when PostgreSQL cuts an epoch write mid-transaction", async () => {
    const spe = sim.chain.constants.SLOTS_PER_EPOCH;
    const epoch = (await stored()).at(-1)! + 1;
    // The test's own uncommitted proposal row for the epoch's first slot: the writer's
    // `INSERT INTO proposal … ON CONFLICT (slot)` waits on it, after the epoch's packed validators
    // and sync rows are already written in its transaction.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    let writerPid: number | undefined;
    try {
      await blocker.query("BEGIN");
      await blocker.query(
        "INSERT INTO proposal (slot, epoch, proposer_index, produced) VALUES ($1, $2, 0, false)",
        [epoch * spe, epoch],
      );
      await advance(18);
      const blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))
        .rows[0].pid;
      writerPid = await waitForWriterBlocked(db.pool, blockerPid, 30_000);
      const { rows } = await blocker.query<{ terminated: boolean }>(
        "SELECT pg_terminate_backend($1) AS terminated",
        [writerPid],
      );
      assert.equal(
        rows[0].terminated,
        true,
        "the writer's backend was terminated inside its transaction",
      );
    } finally {
      // Released whatever happens: a held row lock would hang the writer and the suite's shutdown.
      await blocker.query("ROLLBACK").catch(() => undefined);
      await blocker.end().catch(() => undefined);
    }
    const gone = await db.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [writerPid]);
    assert.equal(gone.rowCount, 0, "the cut backend is gone");
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.ok(target > epoch);
    assert.deepEqual(await waitForEpochs(target, 60_000), range(target));
    // Written whole, exactly once, by a later attempt.
    const counts = await db.pool.query<{ epochs: string; packed: string; proposals: string }>(
      `SELECT (SELECT count(*) FROM epoch WHERE epoch = $1) AS epochs, (SELECT count(*) FROM epoch_validators WHERE epoch = $1) AS packed,
              (SELECT count(*) FROM proposal WHERE epoch = $1) AS proposals`,
      [epoch],
    );
    assert.deepEqual(counts.rows[0], { epochs: "1", packed: "1", proposals: String(spe) });
  });
});

/**
 * The pid of the epoch writer once it waits on the blocker's row, seen from PostgreSQL itself: a
 * backend running the proposal insert, waiting on a lock the blocker holds, inside a transaction
 * that has already written (it has a transaction id). A bounded poll, the one left in this file:
 * PostgreSQL has no event for a session starting to wait on a lock (no NOTIFY can come from a
 * statement that is blocked), and the writer is the code under test, which must not be changed
 * to announce it.
 */
async function waitForWriterBlocked(
  pool: pg.Pool,
  blockerPid: number,
  ms: number,
): Promise<number> {
  // Asked outside the blocker's transaction: pg_stat_activity is a snapshot per transaction.
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { rows } = await pool.query<{ pid: number }>(
      `SELECT a.pid FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.query LIKE 'INSERT INTO proposal%'
          AND a.wait_event_type = 'Lock' AND a.backend_xid IS NOT NULL AND $1 = ANY(pg_blocking_pids(a.pid))`,
      [blockerPid],
    );
    if (rows.length === 1) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  const { rows } = await pool.query(
    "SELECT pid, state, wait_event_type, backend_xid, left(query, 60) AS query FROM pg_stat_activity WHERE datname = current_database()",
  );
  throw new Error(`no epoch write waited on the blocked proposal row: ${JSON.stringify(rows)}`);
}

function restartRedis() {
  const port = new URL(REDIS_URL).port || "6379";
  execFileSync("redis-cli", ["-p", port, "shutdown", "nosave"], { stdio: "ignore" });
  execFileSync("bash", ["scripts/services.sh", "up"], {
    env: { ...process.env, WITH_EVM: "0" },
    stdio: "ignore",
  });
}
