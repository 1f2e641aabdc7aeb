/**
 * A registered operator without a score at the report epoch does not end the report: on real
 * parts (the beacon simulator, PostgreSQL, Redis/BullMQ, onnxruntime, the native prover, an
 * attester and RiskOracle with the circuit's verifier on the local node) the report covers every
 * registered feed, that operator's position is proven as a zero row and posted as no data, and the
 * feeds after it carry the epoch's time.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { keccak256, stringToBytes, type Address } from "viem";
import { createLogger, createShutdown, type Shutdown } from "../../src/common/index.js";
import { loadConfig, type Common, type Config } from "../../src/config/index.js";
import {
  createDb,
  loadReportArtifacts,
  saveOperatorDefinitions,
  type Db,
} from "../../src/db/index.js";
import { lastIngestableEpoch } from "../../src/ingest/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import {
  ATTESTER_HMAC_HEADER,
  hmacBody,
  serializeReport,
  startAttester,
} from "../../src/attester/index.js";
import { feedId, NO_DATA_SCORE, reportFromArtifacts } from "../../src/report/index.js";
import {
  deployOracle,
  fetchBeaconClock,
  loadCircuitVerifier,
  reportValidUntil,
  riskOracleAbi,
} from "../../src/chain/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import { circuitDir, loadCircuit } from "../../src/proving/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
  scenarioOperatorFile,
} from "../../src/simulator/index.js";
import { startWorker } from "../../src/pipeline/index.js";
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
const run = promisify(execFile);
/** Defined and registered at feed 1, but without a validator: never scored. */
const GONE = "op-gone";

describe("a report with a registered operator unscored at its epoch", { skip }, () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let oracle: Address;
  let attesterUrl: string;
  let config: Config;
  let reportId: number;
  const owned: Shutdown[] = [];
  // Its own funded key deploys (becoming the feed registrar) and posts, so no other test's nonces are touched.
  const posterKey = keccak256(stringToBytes("risk-oracle-test:no-data-poster"));
  const poster = testKey("no-data-poster");
  const publicClient = publicClientFor();
  const hmacKey = `no-data-hmac-${Date.now()}`;
  const label = "no-data-attester";

  const common = (name: string, config: Config): Common => {
    const shutdown = createShutdown(logger.child({ process: name }), { handleSignals: false });
    owned.push(shutdown);
    return {
      config: Object.freeze(config),
      logger: logger.child({ process: name }),
      metrics: createMetrics(),
      shutdown,
    };
  };

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // Genesis an hour before the EVM's clock: RiskOracle refuses epochs in its future.
    const genesisTime = Number((await publicClient.getBlock()).timestamp) - 3_600;
    sim = await startSimulator({
      scenario: { ...loadScenario("test"), genesisTime, genesisTimeGiven: true },
      storage: "archive",
    });
    sim.advanceToEpoch(6);
    const file = scenarioOperatorFile(sim.chain.scenario);
    file.operators.push({ id: GONE, name: "Gone", withdrawalAddresses: [] });
    const defs = parseOperatorFile({
      content: JSON.stringify(file),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });
    // Feeds 0 and 1 exist before the first score (an operator scored once, then gone); scoring adds op-b and op-c after them.
    await db.pool.query(
      `INSERT INTO feed (feed_index, feed_id, kind, ref_id) VALUES (0, $1, 'operator', 'op-a'), (1, $2, 'operator', $3)`,
      [feedId({ kind: "operator", id: "op-a" }), feedId({ kind: "operator", id: GONE }), GONE],
    );

    const base = loadConfig({
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" },
    });
    const circuit = loadCircuit({
      dir: circuitDir(base.MODEL_PATH, base.PROVING_BATCH_SIZE, base.PROVING_SCALE),
    });
    await publicClient.request({
      method: "hardhat_setBalance" as never,
      params: [poster.address, "0x8ac7230489e80000"] as never,
    });
    ({ oracle } = await deployOracle({
      publicClient,
      walletClient: walletClientFor(poster),
      owner: testKey("no-data-owner").address,
      clock: await fetchBeaconClock({ beaconUrl: sim.url }),
      attesters: [testKey(label).address],
      threshold: 1,
      heartbeat: 86_400,
      modelHash: circuit.manifest.modelHash,
      verifier: loadCircuitVerifier({ circuitDir: circuit.dir }).manifest,
    }));
    config = { ...base, ORACLE_ADDRESS: oracle, EVM_RPC_URL: rpcUrl, ATTESTER_HMAC_KEY: hmacKey };
    ({ url: attesterUrl } = await startAttester({
      common: common("attester", {
        ...config,
        ATTESTER_PRIVATE_KEY: keccak256(stringToBytes(`risk-oracle-test:${label}`)),
        REPORT_EVERY_EPOCHS: 1,
      }),
      port: 0,
      host: "127.0.0.1",
    }));
    await startWorker({
      common: common("worker", {
        ...config,
        BEACON_URLS: [sim.url],
        FOLLOW_POLL_MS: 200,
        INGEST_START_EPOCH: 0,
        SCORE_EVERY_EPOCHS: 1,
        REPORT_EVERY_EPOCHS: 1_000_000,
        POSTER_PRIVATE_KEY: posterKey,
        ATTESTER_URLS: attesterUrl,
      }),
      roles: ["ingest", "score", "prove", "post"],
      queuePrefix: `no-data-${Date.now()}`,
      backoffMs: 200,
    });
  });

  after(async () => {
    for (const s of owned.reverse()) await s.run("test done");
    await sim?.close();
    await db?.close();
    await database?.drop();
  });

  it("covers every registered feed, posts the unscored one as no data and the feeds after it at the epoch's time", async () => {
    const target = lastIngestableEpoch(sim.status().finalizedEpoch);
    await waitFor(
      async () =>
        ((await db.pool.query(`SELECT 1 FROM score_run WHERE epoch = $1`, [target])).rowCount ??
          0) > 0,
      { timeoutMs: 5 * 60_000, what: `score of epoch ${target}` },
    );
    const { rows: scored } = await db.pool.query<{ operator_id: string }>(
      `SELECT operator_id FROM operator_score WHERE epoch = $1 ORDER BY operator_id`,
      [target],
    );
    assert.deepEqual(
      scored.map((r) => r.operator_id),
      ["op-a", "op-b", "op-c"],
      "op-gone is not scored",
    );

    const created = await run(
      process.execPath,
      ["--import", "tsx", "src/bin/cli.ts", "report", "--epoch", String(target)],
      { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" } },
    );
    const reportIds = (
      JSON.parse(created.stdout.trim().split("\n").pop()!) as { reportIds: number[] }
    ).reportIds;
    assert.equal(reportIds.length, 1);
    reportId = reportIds[0];
    const row = async () =>
      (await db.pool.query(`SELECT * FROM report WHERE id = $1`, [reportIds[0]])).rows[0];
    const pending = await row();
    assert.deepEqual(
      pending.operator_ids,
      ["op-a", GONE, "op-b", "op-c"],
      "the report goes on past the unscored feed",
    );
    assert.equal(pending.features[1].length, pending.features[0].length);
    assert.equal(
      pending.features[1].filter((v: number) => v !== 0).length,
      0,
      "a zero row for the unscored feed",
    );

    await waitFor(async () => ["posted", "failed"].includes((await row()).status), {
      timeoutMs: 10 * 60_000,
      what: "report posted",
    });
    const posted = await row();
    assert.equal(
      posted.status,
      "posted",
      `report ${posted.status}: ${posted.error_code} ${posted.error}`,
    );
    assert.equal(posted.scores_bps[1], null, "stored as no data");
    assert.equal(posted.scores_bps.filter((s: number | null) => typeof s === "number").length, 3);

    const epochTime = await publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "epochTime",
      args: [BigInt(target)],
    });
    const [goneScore, goneEpoch, goneUpdated] = await publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "getScore",
      args: [feedId({ kind: "operator", id: GONE })],
    });
    assert.equal(Number(goneScore), Number(NO_DATA_SCORE));
    assert.equal(Number(goneEpoch), target);
    assert.equal(Number(goneUpdated), 0, "no data is never fresh");
    assert.equal(
      await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "isFresh",
        args: [feedId({ kind: "operator", id: GONE })],
      }),
      false,
    );
    for (const [i, id] of ["op-b", "op-c"].entries()) {
      const [score, epoch, updatedAt] = await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "getScore",
        args: [feedId({ kind: "operator", id })],
      });
      assert.equal(Number(score), posted.scores_bps[2 + i], `on-chain score of ${id}`);
      assert.equal(Number(epoch), target);
      assert.equal(updatedAt, epochTime, `${id} dated by the epoch`);
    }
  });

  it("is refused by the attester when it claims no data for an operator the attester scores", async () => {
    // The posted report's own proof, with op-b blanked out: the proof still verifies (a no-data
    // position is not bound to it), so only the attester's own scores can stop it.
    const artifacts = (await loadReportArtifacts(db.pool, reportId))!;
    assert.equal(artifacts.operatorIds[2], "op-b");
    const blanked = {
      ...artifacts,
      scoresBps: artifacts.scoresBps.map((s, i) => (i === 2 ? null : s)),
    };
    const validUntil = await reportValidUntil({
      publicClient,
      oracle,
      epoch: artifacts.epoch,
      validitySeconds: config.REPORT_VALIDITY_SECONDS,
    });
    const body = JSON.stringify({
      target: { chainId: await publicClient.getChainId(), oracle },
      report: serializeReport(reportFromArtifacts(blanked, validUntil)),
      artifacts: blanked,
    });
    const response = await fetch(new URL("/v1/attest", attesterUrl), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [ATTESTER_HMAC_HEADER]: hmacBody(hmacKey, body),
      },
      body,
    });
    const answer = (await response.json()) as {
      refusal?: string;
      title?: string;
      signature?: string;
    };
    assert.equal(response.status, 422, JSON.stringify(answer));
    assert.equal(answer.refusal, "INPUTS_MISMATCH");
    assert.match(answer.title ?? "", /claims no data for op-b/);
  });
});
