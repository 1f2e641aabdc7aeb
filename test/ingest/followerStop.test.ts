/**
 * The follower's event stream and its stop, against the simulator. A finalized_checkpoint event
 * wakes the follower between polls (the stream used to be closed as soon as it was opened), and a
 * stop returns at once and leaves no stream open, even with a beacon request in flight that the
 * node never answers, a bulk read (all validators) included: with the production timeout and
 * retries (a minute per attempt, five attempts) the stop used to wait the request out, and a
 * stream opened while the stop landed was never closed: it reconnected every second and kept the
 * process alive.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createBeaconClient, fetchValidators, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createFollower } from "../../src/ingest/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";
import { createNotifier } from "../support/createNotifier.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { waitFor } from "../support/waitFor.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
/** Far below one attempt's timeout, far above an abort's round trip on a loaded machine. */
const STOP_WITHIN_MS = 5_000;

describe("stopping the follower", () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    sim = await startSimulator({ scenario: loadScenario("test") });
  });
  after(async () => {
    await db?.close();
    await sim?.close();
    await database?.drop();
  });

  it("wakes on a finalized_checkpoint event between polls, and closes its stream on stop", async () => {
    const stop = new AbortController();
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
      logger,
      signal: stop.signal,
    });
    const enqueued = createNotifier();
    let finalized = -1;
    const follower = createFollower({
      beacon,
      db,
      logger,
      enqueue: async (_, finalizedEpoch) => {
        finalized = finalizedEpoch;
        enqueued.notify();
      },
      // Longer than the test: only the event can bring a second round in time.
      pollMs: 600_000,
      startEpoch: 0,
    });
    // Final epochs to enqueue from the first round on.
    sim.advanceToEpoch(8);
    const first = sim.status().finalizedEpoch;
    const following = follower.run(stop.signal);
    try {
      await enqueued.until(() => finalized === first, { what: "the first round" });
      // The simulator announces no subscription: a bounded poll of its count of open streams.
      await waitFor(() => sim.status().subscribers === 1, { what: "the follower's stream open" });
      sim.advanceToEpoch(sim.status().headEpoch + 3);
      const next = sim.status().finalizedEpoch;
      assert.ok(next > first, `finality moved: ${first} -> ${next}`);
      await enqueued.until(() => finalized === next, {
        timeoutMs: 10_000,
        what: `a round at the finalized_checkpoint event of epoch ${next}`,
      });
    } finally {
      stop.abort();
    }
    await settlesWithin(following, STOP_WITHIN_MS, "the follower's run after the stop");
    await waitFor(() => sim.status().subscribers === 0, { what: "the follower's stream closed" });
  });

  it("aborts a beacon request in flight and returns", async () => {
    const stop = new AbortController();
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 60_000, retries: 4, retryBaseMs: 500 },
      logger,
      signal: stop.signal,
    });
    // The node takes the next finality request and never answers it.
    sim.faults.inject({ path: "finality_checkpoints", kind: "timeout", times: 1 });
    const asked = nextRequest(beacon, "getStateFinalityCheckpoints");
    const follower = createFollower({
      beacon,
      db,
      logger,
      enqueue: async () => undefined,
      pollMs: 50,
      startEpoch: 0,
    });
    const following = follower.run(stop.signal);
    try {
      await settlesWithin(asked, 20_000, "the follower's finality request");
    } finally {
      stop.abort();
    }
    const started = performance.now();
    await settlesWithin(following, STOP_WITHIN_MS, "the follower's run after the stop");
    const ms = performance.now() - started;
    assert.ok(ms < STOP_WITHIN_MS, `stopped in ${Math.round(ms)} ms`);
  });

  it("ends a bulk read in flight (all validators, read while staging) with the stop", async () => {
    const stop = new AbortController();
    const beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 60_000, retries: 4, retryBaseMs: 500 },
      logger,
      signal: stop.signal,
    });
    // The node takes the read and never answers it.
    sim.faults.inject({ path: "/validators", kind: "timeout", times: 1 });
    const asked = nextRequest(beacon, "getStateValidators");
    const reading = fetchValidators({ beacon, stateId: "head", timeoutMs: 60_000 });
    try {
      await settlesWithin(asked, 20_000, "the read of all validators");
    } finally {
      stop.abort();
    }
    const started = performance.now();
    await settlesWithin(
      reading.catch(() => undefined),
      STOP_WITHIN_MS,
      "the read after the stop",
    );
    const ms = performance.now() - started;
    assert.ok(ms < STOP_WITHIN_MS, `ended in ${Math.round(ms)} ms`);
    await assert.rejects(reading, { name: "AbortError" });
  });
});

/**
 * Resolves once `beacon` has sent a request of `route` (the call under test still runs through
 * the real client): the event the stop must come after, so it lands while that request is out.
 */
function nextRequest(beacon: BeaconClient, route: string): Promise<void> {
  const request = beacon.request;
  return new Promise((resolve) => {
    beacon.request = (name, fn) => {
      if (name !== route) return request(name, fn);
      beacon.request = request;
      return request(name, async (api, signal) => {
        const answer = fn(api, signal);
        // After the client has handed the request to fetch, not before.
        setImmediate(resolve);
        return answer;
      });
    };
  });
}

/** `promise`, or a failure naming `what` when it has not settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
