import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { HARDHAT_KEYS, hardhatAccounts } from "../../src/config/developmentDefaults.js";
import { loadConfig } from "../../src/config/index.js";

/** Every `NAME=value` line of an env file. */
const envFile = (path: string) =>
  Object.fromEntries(
    [...readFileSync(path, "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]),
  );

it("the image defaults to production, and compose defaults no key or Hardhat address outside the development profile", () => {
  assert.match(
    readFileSync("Dockerfile", "utf8"),
    /FROM node:20-bookworm-slim AS runtime\n(?:.*\n)*?ENV NODE_ENV=production/,
  );
  const { addresses } = hardhatAccounts();
  const hex = (text: string) =>
    [...text.matchAll(/0x[0-9a-fA-F]{40,64}/g)].map((m) => m[0].toLowerCase());
  for (const file of ["docker-compose.yml", ".env.example"]) {
    const text = readFileSync(file, "utf8");
    const found = hex(text).filter((h) => HARDHAT_KEYS.includes(h as never) || addresses.has(h));
    assert.deepEqual(found, [], `${file} defaults Hardhat keys or addresses`);
  }
  assert.match(readFileSync("docker-compose.yml", "utf8"), /NODE_ENV: \$\{NODE_ENV:-production\}/);
  assert.equal(envFile(".env.example").NODE_ENV, "production");

  // The development profile holds them, and production refuses exactly those values.
  const dev = envFile("compose.dev.env");
  assert.equal(dev.NODE_ENV, "development");
  assert.equal(hex(readFileSync("compose.dev.env", "utf8")).length, 8);
  const { NODE_ENV: _mode, ATTESTER_1_PRIVATE_KEY, ...rest } = dev;
  assert.doesNotThrow(() => loadConfig({ env: dev }));
  assert.throws(
    () =>
      loadConfig({
        env: { ...rest, NODE_ENV: "production", ATTESTER_PRIVATE_KEY: ATTESTER_1_PRIVATE_KEY },
      }),
    /POSTER_PRIVATE_KEY .*ATTESTER_PRIVATE_KEY .*ORACLE_ADDRESS /s,
  );
});

it("compose deploys RiskOracle with the heartbeat the settings and the CLI default to", () => {
  const compose = readFileSync("docker-compose.yml", "utf8");
  const heartbeat = [
    ...compose.matchAll(/--heartbeat\n\s+- \$\{ORACLE_HEARTBEAT_SECONDS:-(\d+)\}/g),
  ].map((m) => Number(m[1]));
  assert.deepEqual(heartbeat, [loadConfig({ env: {} }).ORACLE_HEARTBEAT_SECONDS]);
});
