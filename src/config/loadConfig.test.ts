import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, redactConfig } from "./index.js";

describe("loadConfig", () => {
  it("uses defaults for an empty environment", () => {
    const config = loadConfig({ env: {} });
    assert.equal(config.API_PORT, 3000);
    assert.deepEqual(config.BEACON_URLS, ["http://127.0.0.1:55052"]);
    assert.ok(Object.isFrozen(config));
  });

  it("parses lists, integers and enums", () => {
    const config = loadConfig({
      env: { BEACON_URLS: "http://a:1, http://b:2", API_PORT: "8080", LOG_LEVEL: "debug" },
    });
    assert.deepEqual(config.BEACON_URLS, ["http://a:1", "http://b:2"]);
    assert.equal(config.API_PORT, 8080);
    assert.equal(config.LOG_LEVEL, "debug");
  });

  it("bounds the risk threshold by the largest score, 100 bp of expected 30-day loss", () => {
    assert.equal(loadConfig({ env: {} }).MODEL_RISK_THRESHOLD_BPS, 10);
    assert.equal(
      loadConfig({ env: { MODEL_RISK_THRESHOLD_BPS: "100" } }).MODEL_RISK_THRESHOLD_BPS,
      100,
    );
    assert.throws(
      () => loadConfig({ env: { MODEL_RISK_THRESHOLD_BPS: "101" } }),
      /MODEL_RISK_THRESHOLD_BPS must be <= 100/,
    );
  });

  it("checks the variables read outside it: the Lodestar preset and the health-check port", () => {
    const config = loadConfig({ env: { LODESTAR_PRESET: "minimal", HEALTH_PORT: "58600" } });
    assert.equal(config.LODESTAR_PRESET, "minimal");
    assert.equal(config.HEALTH_PORT, 58600);
    assert.equal(loadConfig({ env: {} }).LODESTAR_PRESET, "mainnet");
    assert.throws(
      () => loadConfig({ env: { LODESTAR_PRESET: "gnosis", HEALTH_PORT: "70000" } }),
      (e: unknown) => e instanceof ConfigError && e.problems.length === 2,
    );
  });

  it("names every bad variable at once", () => {
    try {
      loadConfig({
        env: {
          API_PORT: "70000",
          BEACON_TIMEOUT_MS: "1.5",
          LOG_LEVEL: "loud",
          BEACON_URLS: "not a url",
        },
      });
      assert.fail("expected ConfigError");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      for (const name of ["API_PORT", "BEACON_TIMEOUT_MS", "LOG_LEVEL", "BEACON_URLS"])
        assert.match(error.message, new RegExp(name));
    }
  });

  it("validates lists, addresses and the batch size at start-up, naming the setting", () => {
    const bad: Record<string, string> = {
      WORKER_ROLES: "ingest,scroe",
      ATTESTER_URLS: "http://a:1,not a url",
      API_CORS_ORIGINS: "https://app.example/path",
      ORACLE_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aA3",
      PROVING_BATCH_SIZE: "20",
    };
    for (const [name, value] of Object.entries(bad)) {
      assert.throws(
        () => loadConfig({ env: { [name]: value } }),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.problems.length === 1 &&
          e.problems[0].startsWith(`${name} `),
        name,
      );
    }
    const good = loadConfig({
      env: {
        WORKER_ROLES: " score , prove",
        ATTESTER_URLS: "http://a:1, https://b",
        API_CORS_ORIGINS: "https://app.example, http://localhost:5173",
        ORACLE_ADDRESS: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        PROVING_BATCH_SIZE: "28",
      },
    });
    assert.equal(good.WORKER_ROLES, "score,prove");
    assert.equal(good.ATTESTER_URLS, "http://a:1,https://b");
    assert.equal(good.API_CORS_ORIGINS, "https://app.example,http://localhost:5173");
    assert.equal(good.ORACLE_ADDRESS, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    assert.equal(good.PROVING_BATCH_SIZE, 28);
    assert.equal(loadConfig({ env: { API_CORS_ORIGINS: "*" } }).API_CORS_ORIGINS, "*");
    assert.throws(
      () => loadConfig({ env: { WORKER_ROLES: "post,post" } }),
      /WORKER_ROLES lists an item twice/,
    );
  });

  it("allows batches above 70 operators only with the native prover", () => {
    assert.equal(loadConfig({ env: {} }).PROVER, "native");
    assert.equal(loadConfig({ env: { PROVING_BATCH_SIZE: "322" } }).PROVING_BATCH_SIZE, 322);
    assert.equal(
      loadConfig({ env: { PROVER: "wasm", PROVING_BATCH_SIZE: "70" } }).PROVING_BATCH_SIZE,
      70,
    );
    assert.throws(
      () => loadConfig({ env: { PROVER: "wasm", PROVING_BATCH_SIZE: "84" } }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.length === 1 &&
        /PROVING_BATCH_SIZE must be <= 70 with PROVER=wasm/.test(e.problems[0]),
    );
    assert.throws(
      () => loadConfig({ env: { PROVING_BATCH_SIZE: "336" } }),
      /PROVING_BATCH_SIZE must be <= 322/,
    );
    assert.throws(
      () => loadConfig({ env: { PROVER: "gpu" } }),
      /PROVER must be one of native, wasm/,
    );
  });

  it("never echoes a secret value in an error or in the redacted config", () => {
    const secretUrl = "postgresql://user:hunter2@host/db";
    assert.throws(
      () => loadConfig({ env: { DATABASE_URL: "hunter2 not a url" } }),
      (e: Error) => !e.message.includes("hunter2"),
    );
    const redacted = redactConfig(loadConfig({ env: { DATABASE_URL: secretUrl } }));
    assert.equal(redacted.DATABASE_URL, "[redacted]");
    assert.ok(!JSON.stringify(redacted).includes("hunter2"));
  });
});
