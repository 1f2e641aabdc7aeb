/** `cli operators import` through the real simulator and PostgreSQL, with and without a reachable node. */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { createBeaconClient } from "../beacon/index.js";
import { createLogger } from "../common/index.js";
import { loadScenario, startSimulator, type StartSimulatorReturnType } from "../simulator/index.js";
import { importOperators } from "./importOperators.js";

/** A logger whose JSON lines the test reads back. */
function capturingLogger() {
  const lines: { msg: string; level: number }[] = [];
  // Written synchronously, so a line is readable as soon as the call that logs it returns.
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l)),
      );
      done();
    },
  });
  return { logger: createLogger({ level: "info", pretty: false, destination }), lines };
}

describe("importOperators", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sim: StartSimulatorReturnType;
  let csv: string;
  before(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    sim = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    const pubkey = (i: number) => `0x${Buffer.from(sim.chain.pubkey(i)).toString("hex")}`;
    csv = ["pubkey,entity", `${pubkey(0)},acme`, `${pubkey(1)},acme`, `${pubkey(2)},globex`].join(
      "\n",
    );
  });
  after(async () => {
    await sim?.close();
    await pool?.end();
    await database?.drop();
  });

  it("resolves the labelled pubkeys through the node and stores the labels", async () => {
    const { logger, lines } = capturingLogger();
    const connectBeacon = () =>
      createBeaconClient({
        options: { urls: [sim.url], timeoutMs: 3000, retries: 1, retryBaseMs: 10 },
        logger,
      });
    const ticks: number[] = [];
    const result = await importOperators({
      pool,
      content: csv,
      format: "csv",
      source: "labels.csv",
      connectBeacon,
      progress: (total) => ({ tick: () => ticks.push(total), done: () => undefined }),
      logger,
    });
    assert.equal(result.resolved, 3);
    assert.equal(result.labels, 3);
    assert.equal(result.operators, 2);
    assert.deepEqual(ticks, [1], "one batch of pubkeys");
    // No validator is stored yet: the labels wait for ingestion, and the operator is told.
    assert.equal(result.validatorsMapped, 0);
    assert.equal(
      lines.filter((l) => l.msg.startsWith("the import mapped no stored validator")).length,
      1,
    );
  });

  it("stores the labels alone when the node cannot be reached", async () => {
    const { logger, lines } = capturingLogger();
    const connectBeacon = () => Promise.reject(new Error("connection refused"));
    const result = await importOperators({
      pool,
      content: csv,
      format: "csv",
      source: "again.csv",
      connectBeacon,
      logger,
    });
    assert.equal(result.resolved, 0);
    assert.equal(result.labels, 3);
    assert.equal(
      lines.filter(
        (l) => l.msg === "could not resolve pubkeys through the beacon node; storing labels only",
      ).length,
      1,
    );
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM operator WHERE id IN ('acme', 'globex')`,
    );
    assert.equal(rows[0].n, 2);
  });
});
