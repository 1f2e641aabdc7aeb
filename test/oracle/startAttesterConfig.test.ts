/** An attester that cannot run refuses to start with a coded ConfigError, before any key, database or port. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { startAttester } from "../../src/attester/index.js";
import { createLogger, createShutdown } from "../../src/common/index.js";
import { ConfigError, loadConfig, type Config } from "../../src/config/index.js";
import { createMetrics } from "../../src/metrics/index.js";

const logger = createLogger({ level: "silent", pretty: false });
const base = loadConfig({ env: { ...process.env, LOG_LEVEL: "silent" } });

const refusal = async (config: Config) => {
  const shutdown = createShutdown(logger, { handleSignals: false });
  try {
    return await startAttester({
      common: { config, logger, metrics: createMetrics(), shutdown },
      port: 0,
      host: "127.0.0.1",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
  } finally {
    await shutdown.run("test done");
  }
};

test("no ORACLE_ADDRESS: ConfigError CONFIG_INVALID naming it", async () => {
  const error = await refusal({ ...base, ORACLE_ADDRESS: "" });
  assert.ok(error instanceof ConfigError, String(error));
  assert.equal(error.code, "CONFIG_INVALID");
  assert.deepEqual(error.problems, [
    "ORACLE_ADDRESS is required: an attester signs for one oracle only",
  ]);
});

test("production without ATTESTER_HMAC_KEY: ConfigError naming it", async () => {
  const config = {
    ...base,
    NODE_ENV: "production",
    ORACLE_ADDRESS: "0x00000000000000000000000000000000000000aa",
    ATTESTER_PRIVATE_KEY: `0x${"11".repeat(32)}`,
    ATTESTER_HMAC_KEY: "",
  } as Config;
  const error = await refusal(config);
  assert.ok(error instanceof ConfigError, String(error));
  assert.deepEqual(error.problems, [
    "ATTESTER_HMAC_KEY is required in production: only the poster may ask for signatures",
  ]);
});
