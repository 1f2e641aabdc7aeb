/**
 * The attester's front door, on a real attester server (PostgreSQL, the local EVM node): only
 * HMAC-signed bodies up to the size limit are read; epochs off the report schedule or too old are
 * refused before any proof work; an SRS size other than the pinned circuit's never reaches SRS
 * generation; one verification runs at a time (429 while busy); decisions are cached by digest.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes, type Address, type Hex } from "viem";
import { createLogger, createShutdown, type Shutdown } from "../../src/common/index.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { createDb, saveFinalizedHead, type Db, type ReportArtifacts } from "../../src/db/index.js";
import { FEATURE_VERSION } from "../../src/features/index.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import { ATTESTER_HMAC_HEADER, hmacBody, serializeReport } from "../../src/attester/index.js";
import type { Report } from "../../src/report/index.js";
import { circuitDir, loadCircuit } from "../../src/proving/index.js";
import { deployOracle } from "../../src/chain/deployOracle.js";
import { startAttester } from "../../src/attester/startAttester.js";
import {
  nodeAvailable,
  publicClientFor,
  rpcUrl,
  testKey,
  walletClientFor,
} from "../contracts/support/evm.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { waitFor } from "../support/waitFor.js";

const skip = (await nodeAvailable())
  ? false
  : `no EVM node at ${rpcUrl} (run: bash scripts/services.sh up)`;
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const KEY = "test-attester-hmac-key";
const HEAD = 2_000;

describe("the attester's front door", { skip }, () => {
  let database: TestDatabase;
  let db: Db;
  let shutdown: Shutdown;
  let url: string;
  let chainId: number;
  let metrics: Metrics;
  let ORACLE: Address;
  let modelHash: Hex;
  /** The oracle's clock: epoch HEAD starts at the chain's time of deployment, 12-second epochs. */
  let genesisTime: bigint;
  const epochStart = (epoch: number) => genesisTime + BigInt(epoch * 12);

  before(async () => {
    database = await createTestDatabase();
    const base = loadConfig({
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" },
    });
    db = createDb({ url: database.url, logger });
    // The attester's own data: scheduled epochs 225 (old), 1800 and 1575 (recent), head 2000.
    for (const epoch of [225, 1575, 1800, HEAD]) {
      await db.pool.query(
        `INSERT INTO epoch (epoch, finalized_checkpoint_epoch, state_slot, validator_count, active_validators, total_balance_gwei, source_earned, source_ideal,
           target_earned, target_ideal, head_earned, head_ideal, inactivity_penalty, attestation_duties, source_misses, target_misses, head_misses,
           proposal_duties, proposals_produced, sync_duties, sync_participated, balance_delta_gwei, effective_balance_gwei, exited_validators,
           newly_slashed, slashing_operations, ingest_ms)
         VALUES ($1, $1, $1 * 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
        [epoch],
      );
    }
    await saveFinalizedHead(db.pool, HEAD);
    chainId = await publicClientFor().getChainId();
    // A development-mode RiskOracle that accepts the shipped circuit's model.
    modelHash = loadCircuit({
      dir: circuitDir(base.MODEL_PATH, base.PROVING_BATCH_SIZE, base.PROVING_SCALE),
    }).manifest.modelHash as Hex;
    // Its own deployer, funded by the node, so no other test's nonces are touched.
    const deployer = testKey("gate-deployer");
    await publicClientFor().request({
      method: "hardhat_setBalance" as never,
      params: [deployer.address, "0x8ac7230489e80000"] as never,
    });
    genesisTime = (await publicClientFor().getBlock()).timestamp - BigInt(HEAD * 12);
    const clock = { genesisTime: Number(genesisTime), secondsPerEpoch: 12 };
    ({ oracle: ORACLE } = await deployOracle({
      publicClient: publicClientFor(),
      walletClient: walletClientFor(deployer),
      owner: testKey("gate-owner").address,
      clock,
      attesters: [testKey("gate-attester").address],
      threshold: 1,
      heartbeat: 86_400,
      modelHash,
    }));
    const config: Config = Object.freeze({
      ...base,
      ORACLE_ADDRESS: ORACLE,
      EVM_RPC_URL: rpcUrl,
      ATTESTER_PRIVATE_KEY: keccak256(stringToBytes("risk-oracle-test:gate-attester")),
      ATTESTER_HMAC_KEY: KEY,
      REPORT_EVERY_EPOCHS: 225,
      ATTESTER_MAX_LAG_EPOCHS: 700,
    });
    shutdown = createShutdown(logger, { handleSignals: false });
    metrics = createMetrics();
    ({ url } = await startAttester({
      common: { config, logger, metrics, shutdown },
      port: 0,
      host: "127.0.0.1",
    }));
  });

  after(async () => {
    await shutdown?.run("test done");
    await db?.close();
    await database?.drop();
  });

  /** A well-formed request for the accepted model whose circuit and proof are garbage: refused once the epoch checks pass. */
  const request = (
    epoch: number,
    srsK = 14,
    target = { chainId, oracle: ORACLE },
    validUntil = epochStart(epoch) + 3_600n,
  ) => {
    const report: Report = {
      epoch: BigInt(epoch),
      validUntil,
      firstWord: 0,
      feedCount: 1,
      modelHash,
      inputCommitment: 5n,
      proofHash: `0x${"22".repeat(32)}`,
      scoreWords: [7n],
    };
    const artifacts: ReportArtifacts = {
      format: "beacon-risk-oracle/report-artifacts@1",
      reportId: epoch,
      epoch,
      firstFeedIndex: 0,
      operatorIds: ["op-a"],
      featureVersion: FEATURE_VERSION,
      featureNames: [],
      features: [[0]],
      modelHash: report.modelHash,
      inputCommitment: "0x05",
      scoresBps: [7],
      instances: [],
      proof: Buffer.from("not a proof").toString("base64"),
      vk: Buffer.from("not a key").toString("base64"),
      vkHash: "00",
      settings: "{}",
      settingsHash: "00",
      srs: { k: srsK },
    };
    return JSON.stringify({ target, report: serializeReport(report), artifacts });
  };
  const post = async (body: string, signature: string | null = hmacBody(KEY, body)) => {
    const response = await fetch(new URL("/v1/attest", url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature && { [ATTESTER_HMAC_HEADER]: signature }),
      },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { refusal?: string; title?: string },
    };
  };
  const refusals = async (code: string) =>
    (await metrics.oracle.attestations.get()).values.find(
      (v) => v.labels.outcome === "refused" && v.labels.code === code,
    )?.value ?? 0;

  it("answers 401 to a body not signed with the poster's key", async () => {
    const body = request(1800);
    assert.equal((await post(body, null)).status, 401);
    assert.equal((await post(body, hmacBody("another key", body))).status, 401);
    assert.equal(
      (await post(body, hmacBody(KEY, body.replace("op-a", "op-b")))).status,
      401,
      "the HMAC covers the body",
    );
  });

  it("answers 413 to a body over the limit, before reading it", async () => {
    const body = JSON.stringify({ padding: "x".repeat(2 * 2 ** 20 + 1) });
    assert.equal((await post(body)).status, 413);
  });

  it("refuses epochs off the schedule or too old before any proof work", async () => {
    const off = await post(request(1801));
    assert.equal(off.status, 422);
    assert.equal(off.body.refusal, "EPOCH_OFF_SCHEDULE");
    const old = await post(request(225));
    assert.equal(old.status, 422);
    assert.equal(old.body.refusal, "EPOCH_TOO_OLD");
    // The same garbage on a recent scheduled epoch gets past the epoch checks, to the circuit's.
    const recent = await post(request(1800));
    assert.equal(recent.status, 422, JSON.stringify(recent.body));
    assert.ok(
      recent.body.refusal && !recent.body.refusal.startsWith("EPOCH_"),
      recent.body.refusal,
    );
  });

  it("refuses a validUntil beyond its window after the epoch, or already past, before any proof work", async () => {
    // REPORT_VALIDITY_SECONDS is 86,400 by default: one second more is refused.
    const late = await post(request(1800, 14, undefined, epochStart(1800) + 86_401n));
    assert.equal(late.status, 422);
    assert.equal(late.body.refusal, "VALIDITY_OUT_OF_WINDOW");
    // Epoch 1800 started 200 epochs (2,400 s) ago: a validUntil at its start has passed.
    const past = await post(request(1800, 14, undefined, epochStart(1800)));
    assert.equal(past.status, 422);
    assert.equal(past.body.refusal, "VALIDITY_OUT_OF_WINDOW");
    assert.equal(await refusals("VALIDITY_OUT_OF_WINDOW"), 2);
  });

  it("never generates an SRS for a size other than the pinned circuit's", async () => {
    const before = existsSync(".cache/srs") ? readdirSync(".cache/srs") : [];
    const started = performance.now();
    const answer = await post(request(1575, 23));
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.ok(performance.now() - started < 5_000, "refused at once");
    const after = existsSync(".cache/srs") ? readdirSync(".cache/srs") : [];
    assert.deepEqual(
      after.filter((f) => f.includes("kzg23")),
      [],
      "no kzg23 SRS was made",
    );
    assert.deepEqual(
      after.filter((f) => !before.includes(f)).filter((f) => f.includes("kzg23")),
      [],
    );
  });

  it("serves a decision from its cache and answers 429 while a verification runs", async () => {
    const old = request(225);
    assert.equal(await refusals("EPOCH_TOO_OLD"), 1);
    // Hold the attester's database: anything that is not answered from the cache now waits.
    const holder = await db.pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("LOCK TABLE epoch IN ACCESS EXCLUSIVE MODE");
      const cached = await post(old);
      assert.equal(cached.status, 422);
      assert.equal(cached.body.refusal, "EPOCH_TOO_OLD");
      // A scheduled epoch this attester has not ingested: its check waits on the database.
      const slow = post(request(1350));
      // The verification has started once a session of this database waits on the lock.
      await waitFor(
        async () => {
          const { rows } = await db.pool.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return rows[0].n > 0;
        },
        { what: "the verification waiting on the locked table" },
      );
      const busy = await post(request(1125));
      assert.equal(busy.status, 429);
      await holder.query("COMMIT");
      const answered = await slow;
      assert.equal(answered.status, 503);
      assert.equal(answered.body.refusal, "EPOCH_NOT_INGESTED");
    } finally {
      holder.release();
    }
    assert.equal(await refusals("EPOCH_TOO_OLD"), 1, "the cached refusal was not decided again");
  });
});
