/**
 * The follower and the BullMQ ingest queue against real Redis and PostgreSQL: finalized epochs
 * are ingested as they finalize, nothing is enqueued during a finality stall, and restarts of
 * Redis (jobs lost) or PostgreSQL (transactions cut) lose no epoch.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { createBeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createFollower, createIngester, lastIngestableEpoch } from "../../src/ingest/index.js";
import { createIngestQueue, redisConnection, type IngestQueue } from "../../src/queue/index.js";
import { loadScenario, startSimulator, type StartSimulatorReturnType } from "../../src/simulator/index.js";
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

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    sim.advanceToEpoch(6);
    const beacon = await createBeaconClient({ options: { urls: [sim.url], timeoutMs: 3000, retries: 2, retryBaseMs: 20 }, logger });
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 3000 });
    // Fast retries: the test's restarts should be survived within seconds.
    queue = createIngestQueue({ connection: redisConnection(REDIS_URL), logger, prefix: `test-${database.name}`, backoffMs: 200 });
    queue.work(ingester, 1);
    const follower = createFollower({ beacon, db, logger, enqueue: queue.enqueue, pollMs: 200, startEpoch: 0 });
    following = follower.run(stop.signal);
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

  const stored = async () => (await db.pool.query<{ epoch: number }>("SELECT epoch FROM epoch ORDER BY epoch")).rows.map((r) => r.epoch);
  const range = (to: number) => Array.from({ length: to + 1 }, (_, i) => i);
  async function waitForEpochs(to: number, ms = 30_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // The test's own reads may hit the restart too; only the pipeline must not lose data.
      const have = await stored().catch(() => [] as number[]);
      if (have.length > 0 && have[have.length - 1] >= to && have.length === to + 1) return have;
      await new Promise((r) => setTimeout(r, 200));
    }
    return stored();
  }

  it("ingests every finalized epoch, then new ones as they finalize", async () => {
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.deepEqual(await waitForEpochs(target), range(target));
    sim.advanceToEpoch(8);
    const next = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.ok(next > target);
    assert.deepEqual(await waitForEpochs(next), range(next));
  });

  it("records nothing past the finalized checkpoint while finality stalls", async () => {
    const before = await stored();
    sim.setFinalityStall(true);
    sim.advanceToEpoch(11);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await stored(), before);
    sim.setFinalityStall(false);
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    assert.deepEqual(await waitForEpochs(target), range(target));
  });

  it("loses no epoch when Redis restarts with its queue lost", async () => {
    sim.advanceToEpoch(14);
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    restartRedis();
    assert.deepEqual(await waitForEpochs(target, 60_000), range(target));
  });

  it("loses no epoch when PostgreSQL restarts during ingestion", async () => {
    sim.advanceToEpoch(18);
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    // Restart while the new epochs are being written.
    await new Promise((r) => setTimeout(r, 150));
    restartPostgres();
    assert.deepEqual(await waitForEpochs(target, 60_000), range(target));
  });
});

function restartRedis() {
  const port = new URL(REDIS_URL).port || "6379";
  execFileSync("redis-cli", ["-p", port, "shutdown", "nosave"], { stdio: "ignore" });
  execFileSync("bash", ["scripts/services.sh", "up"], { env: { ...process.env, WITH_EVM: "0" }, stdio: "ignore" });
}

function restartPostgres() {
  execFileSync("bash", ["scripts/services.sh", "restart-postgres"], { stdio: "ignore" });
}
