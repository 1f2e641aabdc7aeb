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
    const config = loadConfig({ env: { BEACON_URLS: "http://a:1, http://b:2", API_PORT: "8080", LOG_LEVEL: "debug" } });
    assert.deepEqual(config.BEACON_URLS, ["http://a:1", "http://b:2"]);
    assert.equal(config.API_PORT, 8080);
    assert.equal(config.LOG_LEVEL, "debug");
  });

  it("names every bad variable at once", () => {
    try {
      loadConfig({ env: { API_PORT: "70000", BEACON_TIMEOUT_MS: "1.5", LOG_LEVEL: "loud", BEACON_URLS: "not a url" } });
      assert.fail("expected ConfigError");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      for (const name of ["API_PORT", "BEACON_TIMEOUT_MS", "LOG_LEVEL", "BEACON_URLS"]) assert.match(error.message, new RegExp(name));
    }
  });

  it("never echoes a secret value in an error or in the redacted config", () => {
    const secretUrl = "postgresql://user:hunter2@host/db";
    assert.throws(() => loadConfig({ env: { DATABASE_URL: "hunter2 not a url" } }), (e: Error) => !e.message.includes("hunter2"));
    const redacted = redactConfig(loadConfig({ env: { DATABASE_URL: secretUrl } }));
    assert.equal(redacted.DATABASE_URL, "[redacted]");
    assert.ok(!JSON.stringify(redacted).includes("hunter2"));
  });
});
