import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http } from "viem";
import { buildApp, type BuildAppReturnType } from "../../src/api/index.js";
import { createLogger } from "../../src/common/index.js";
import { loadConfig, secretValues, type Config } from "../../src/config/index.js";
import { createDb, type Db } from "../../src/db/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import { httpAttesterSource, type AttesterAnswer } from "../../src/attester/index.js";
import { toOracleError } from "../../src/chain/index.js";
import { failReport } from "../../src/pipeline/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { seedApi } from "../support/seedApi.js";

/** A provider-style API key in the RPC URL's path and query, as Infura and Alchemy URLs carry them. */
const API_KEY = "f2FakeApiKey7c1d9e0b44";
const QUERY_KEY = "q9FakeQueryKey31337";
/** The local Hardhat node serves JSON-RPC on any path, so the URL with the key is a real, working endpoint. */
const RPC_URL = `http://127.0.0.1:58545/v3/${API_KEY}?apikey=${QUERY_KEY}`;

const leaks = (text: string) => text.includes(API_KEY) || text.includes(QUERY_KEY);

describe("no secret leaves the process", () => {
  let database: TestDatabase;
  let db: Db;
  let config: Config;
  let app: BuildAppReturnType;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  before(async () => {
    database = await createTestDatabase();
    config = loadConfig({
      env: {
        NODE_ENV: "test",
        DATABASE_URL: database.url,
        EVM_RPC_URL: RPC_URL,
        API_CACHE_REFRESH_MS: "0",
      },
    });
    const logger = createLogger({
      level: "info",
      pretty: false,
      secrets: secretValues(config),
      destination: capture,
    });
    db = createDb({ url: database.url, logger });
    await seedApi(db.pool);
    app = await buildApp({ db, config, logger, metrics: createMetrics() });
  });
  after(async () => {
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  it("keeps the RPC URL's key out of logs, stored errors and API answers when a real RPC call fails", async () => {
    // A real JSON-RPC refusal through viem: its message quotes the URL, key included.
    const client = createPublicClient({ transport: http(config.EVM_RPC_URL, { retryCount: 0 }) });
    const rpcError = await client.request({ method: "eth_signTransactionWithKey" as never }).then(
      () => assert.fail("the node accepted an unknown method"),
      (error: Error) => error,
    );
    assert.ok(leaks(rpcError.message), "precondition: viem's message carries the key");
    const error = toOracleError(rpcError, "post report 2");
    assert.equal(error.retryable, false);
    assert.ok(leaks(error.message), "precondition: BaseError appends the cause's message");

    // Logs: however the error is logged, as an object, its message or its stack.
    const logger = createLogger({
      level: "info",
      pretty: false,
      secrets: secretValues(config),
      destination: capture,
    });
    logger.error({ err: error }, "post failed");
    logger.warn({ err: error.message, cause: rpcError }, `post failed: ${error.message}`);
    logger.child({ rpc: config.EVM_RPC_URL }).info("chain client ready");
    assert.equal(lines.length, 3 + 0, `log lines: ${lines.length}`);
    for (const line of lines) {
      assert.ok(!leaks(line), `a log line leaks the key: ${line.slice(0, 300)}`);
      assert.match(line, /\[redacted\]/);
    }

    // The stored failure: code and short message only.
    const { failed, code } = await failReport({ pool: db.pool, reportId: 2, error });
    assert.equal(failed, true);
    assert.equal(code, "ORACLE_RPC_ERROR");
    const { rows } = await db.pool.query<{ error: string; error_code: string }>(
      `SELECT error, error_code FROM report WHERE id = 2`,
    );
    assert.equal(rows[0].error_code, "ORACLE_RPC_ERROR");
    assert.ok(rows[0].error.length > 0 && !leaks(rows[0].error), rows[0].error);

    // API answers.
    for (const url of ["/v1/reports/2", "/v1/reports?status=failed"]) {
      const res = await app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      assert.ok(!leaks(res.body), `${url} leaks the key`);
    }
    const report = (await app.inject({ method: "GET", url: "/v1/reports/2" })).json();
    assert.equal(report.status, "failed");
    assert.equal(report.error, rows[0].error);
  });

  it("records an attester's failure as status and title only, whatever its body quotes", async () => {
    // An attester whose 500 answer quotes its RPC error (as attesters did before their answers became generic).
    const server: Server = createServer((_req, res) => {
      res.writeHead(500, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "about:blank",
          title: "Attestation failed",
          status: 500,
          detail: `HTTP request failed. URL: ${RPC_URL}`,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const answers: AttesterAnswer[] = [];
    try {
      const source = httpAttesterSource({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        artifacts: {} as never,
        timeoutMs: 5_000,
        onAnswer: (a) => void answers.push(a),
      });
      await assert.rejects(
        source({
          report: {
            epoch: 1n,
            validUntil: 0n,
            firstWord: 0,
            feedCount: 0,
            modelHash: "0x00",
            inputCommitment: 0n,
            proofHash: "0x00",
            scoreWords: [],
          } as never,
          chainId: 31337,
          oracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
          digest: "0x00",
        }),
      );
    } finally {
      server.close();
    }
    assert.equal(answers.length, 1);
    assert.equal(answers[0].error, "500 Attestation failed");
    assert.ok(!leaks(JSON.stringify(answers[0])));
  });
});
