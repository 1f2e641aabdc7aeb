import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEV_SRS_MARKER_SUFFIX as PROVING_MARKER } from "../proving/generateDevSrs.js";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_SRS_MARKER_SUFFIX, HARDHAT_KEYS } from "./developmentDefaults.js";
import { ConfigError, loadConfig } from "./index.js";

/** Hardhat account #0 and #1 (public: printed by every `hardhat node`), and #0's first contract. */
const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const HARDHAT_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const HARDHAT_ORACLE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OWN_KEY = `0x${"3c".repeat(32)}`;

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ env });
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

describe("production refuses development defaults", () => {
  it("lists Hardhat's 20 test keys as derived from its public mnemonic", () => {
    const derived = Array.from(
      { length: 20 },
      (_, i) =>
        `0x${Buffer.from(mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i }).getHdKey().privateKey!).toString("hex")}`,
    );
    assert.deepEqual([...HARDHAT_KEYS], derived);
  });

  it("refuses Hardhat's public keys and addresses, naming the setting and never the value", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      POSTER_PRIVATE_KEY: HARDHAT_KEY_0,
      ATTESTER_PRIVATE_KEY: HARDHAT_KEY_1.slice(2),
      ORACLE_ADDRESS: HARDHAT_ORACLE,
    });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /^POSTER_PRIVATE_KEY /);
    assert.match(problems[1], /^ATTESTER_PRIVATE_KEY /);
    assert.match(problems[2], /^ORACLE_ADDRESS /);
    assert.ok(
      !problems.join(" ").includes(HARDHAT_KEY_0.slice(2)) &&
        !problems.join(" ").includes(HARDHAT_KEY_1.slice(2)),
    );
  });

  it("refuses a private key and a keystore for the same role", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      POSTER_PRIVATE_KEY: OWN_KEY,
      POSTER_KEYSTORE_PATH: "poster.json",
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /POSTER_PRIVATE_KEY and POSTER_KEYSTORE_PATH are both set/);
  });

  it("refuses a development SRS (recognised by the marker the generator writes beside it)", () => {
    assert.equal(DEV_SRS_MARKER_SUFFIX, PROVING_MARKER);
    const dir = mkdtempSync(join(tmpdir(), "oracle-srs-"));
    try {
      const srs = join(dir, "kzg14.srs");
      writeFileSync(srs, "srs");
      assert.deepEqual(
        problemsOf({ NODE_ENV: "production", EZKL_SRS_PATH: srs }),
        [],
        "a ceremony SRS is accepted",
      );
      writeFileSync(srs + DEV_SRS_MARKER_SUFFIX, "{}");
      const problems = problemsOf({ NODE_ENV: "production", EZKL_SRS_PATH: srs });
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^EZKL_SRS_PATH is a development SRS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("accepts the same values in development, and the project's own keys in production", () => {
    assert.deepEqual(
      problemsOf({
        NODE_ENV: "development",
        POSTER_PRIVATE_KEY: HARDHAT_KEY_0,
        POSTER_KEYSTORE_PATH: "p.json",
        ORACLE_ADDRESS: HARDHAT_ORACLE,
      }),
      [],
    );
    assert.deepEqual(
      problemsOf({
        NODE_ENV: "production",
        POSTER_PRIVATE_KEY: OWN_KEY,
        ORACLE_ADDRESS: "0x00000000000000000000000000000000000000a1",
      }),
      [],
    );
  });
});
