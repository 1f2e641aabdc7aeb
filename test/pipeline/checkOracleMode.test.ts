/**
 * A production worker refuses a RiskOracle deployed in development mode (it accepts models without
 * a verifier); development and test workers may use one, and production accepts a proving oracle.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes, type Address } from "viem";
import { createLogger, createShutdown } from "../../src/common/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import { checkOracleMode, startWorker } from "../../src/pipeline/index.js";
import {
  nodeAvailable,
  publicClientFor,
  testKey,
  walletClientFor,
} from "../contracts/support/evm.js";
import { deployOracleFixture } from "../contracts/support/oracleFixture.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const skip = (await nodeAvailable())
  ? false
  : "no EVM node at EVM_RPC_URL (run: bash scripts/services.sh up)";
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const publicClient = publicClientFor();
const deployer = testKey("oracle-mode:deployer");

describe("the worker and the oracle's development mode", { skip }, () => {
  let development: Address;
  let proving: Address;
  let database: TestDatabase;

  before(async () => {
    await publicClient.request({
      method: "hardhat_setBalance" as never,
      params: [deployer.address, "0x56bc75e2d63100000"] as never,
    });
    const walletClient = walletClientFor(deployer);
    development = (
      await deployOracleFixture({
        publicClient,
        walletClient,
        label: "oracle-mode-dev",
        feedCount: 1,
      })
    ).oracle;
    proving = (
      await deployOracleFixture({
        publicClient,
        walletClient,
        label: "oracle-mode-prod",
        feedCount: 1,
        developmentMode: false,
      })
    ).oracle;
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it("refuses a development-mode oracle only in production", async () => {
    await assert.rejects(
      checkOracleMode({ publicClient, oracle: development, nodeEnv: "production" }),
      { code: "PIPELINE_ORACLE_DEVELOPMENT_MODE" },
    );
    assert.deepEqual(
      await checkOracleMode({ publicClient, oracle: proving, nodeEnv: "production" }),
      { developmentMode: false },
    );
    for (const nodeEnv of ["development", "test"])
      assert.deepEqual(await checkOracleMode({ publicClient, oracle: development, nodeEnv }), {
        developmentMode: true,
      });
  });

  it("stops a production post worker at start-up, before it takes any job", async () => {
    const base = loadConfig({
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" },
    });
    const start = async (oracle: Address) => {
      const shutdown = createShutdown(logger, { handleSignals: false });
      const config = Object.freeze({
        ...base,
        NODE_ENV: "production" as const,
        ORACLE_ADDRESS: oracle,
        POSTER_PRIVATE_KEY: keccak256(stringToBytes("risk-oracle-test:oracle-mode:poster")),
        ATTESTER_URLS: "http://127.0.0.1:9",
      });
      try {
        return await startWorker({
          common: { config, logger, metrics: createMetrics(), shutdown },
          roles: ["post"],
          queuePrefix: `oracle-mode-${Date.now()}`,
        });
      } finally {
        await shutdown.run("test done");
      }
    };
    await assert.rejects(start(development), { code: "PIPELINE_ORACLE_DEVELOPMENT_MODE" });
    const running = await start(proving);
    assert.ok(running.queues.post, "a proving oracle is accepted");
  });
});
