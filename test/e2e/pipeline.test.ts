/**
 * The whole pipeline on real parts: the project's Beacon API simulator (the one stand-in), real
 * PostgreSQL, Redis/BullMQ, onnxruntime, the EZKL engine, three attesters and a local Hardhat
 * node. The simulator is a default non-archive node (it refuses past proposer duties, past
 * states and pruned rewards), so the worker follows its head and stages each epoch while the node
 * still serves it, as against a real client. Faults on the way: a beacon outage during ingestion, a tampered report that the attesters
 * refuse, and a poster that crashes after its transaction reached the node but before it recorded
 * anything. At the end the API serves the scores, the `verify` command accepts the downloaded
 * artifacts, the chain holds the API's scores and the example CDP reads them.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { keccak256, parseEventLogs, stringToBytes, type Address } from "viem";
import { buildApp } from "../../src/api/index.js";
import { createLogger, createShutdown, type Shutdown } from "../../src/common/index.js";
import type { Common } from "../../src/config/index.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import {
  createDb,
  latestIngestedEpoch,
  loadReportArtifacts,
  saveOperatorDefinitions,
  type Db,
} from "../../src/db/index.js";
import { lastIngestableEpoch } from "../../src/ingest/index.js";
import { operatorLoss, type OperatorLossReturnType } from "../../src/loss/index.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import { ATTESTER_HMAC_HEADER, hmacBody, serializeReport } from "../../src/attester/index.js";
import {
  bpsFromFelt,
  buildReport,
  feedId,
  instancesFromEzkl,
  rawProof,
  reportFromArtifacts,
  signReport,
} from "../../src/report/index.js";
import {
  fetchBeaconClock,
  loadCircuitVerifier,
  readModelPin,
  reportValidUntil,
  riskBasedLtvAbi,
  riskBasedLtvBytecode,
  riskOracleAbi,
} from "../../src/chain/index.js";
import { sha256Hex } from "../../src/proving/index.js";
import { parseOperatorFile } from "../../src/operators/index.js";
import { circuitDir, loadCircuit } from "../../src/proving/index.js";
import { createStageQueue, proveJobId, QUEUES, redisConnection } from "../../src/queue/index.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
  scenarioOperatorFile,
} from "../../src/simulator/index.js";
import {
  bindCdpFeed,
  demoCollateral,
  deployFeedAdapter,
  deployOracle,
} from "../../src/chain/deployOracle.js";
import { startAttester } from "../../src/attester/startAttester.js";
import { startWorker, type RunningWorker, type Role } from "../../src/pipeline/index.js";
import {
  fundAccounts,
  nodeAvailable,
  publicClientFor,
  revertOf,
  rpcUrl,
  runKey,
  testKey,
  walletClientFor,
} from "../contracts/support/evm.js";
import { startRpcProxy, type RpcProxy } from "../contracts/support/rpcProxy.js";
import { countsAsPerformance } from "../ingest/countsAsPerformance.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { processesInGroup } from "../support/processesInGroup.js";
import { sentTransactions } from "../support/sentTransactions.js";
import { spawnWorker, type SpawnWorkerReturnType } from "../support/spawnWorker.js";

const skip = (await nodeAvailable())
  ? false
  : `no EVM node at ${rpcUrl} (run: bash scripts/services.sh up)`;
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const run = promisify(execFile);

describe("the pipeline end to end, with faults", { skip }, () => {
  let database: TestDatabase;
  let db: Db;
  let sim: StartSimulatorReturnType;
  let proxy: RpcProxy;
  let base: Config;
  let oracle: Address;
  let target: number;
  let reportId: number;
  const owned: Shutdown[] = [];
  /** Each in-process worker's shutdown by name, so a later test can stop one. */
  const stops = new Map<string, Shutdown>();
  /** Each in-process worker's metrics by name: what the test reads of the follower's rounds. */
  const metricsOf = new Map<string, Metrics>();
  /** Workers in their own processes (the SIGKILL tests). */
  const children: SpawnWorkerReturnType[] = [];
  // This run's own key deploys, registers feeds and posts, funded by the node in `before`: the
  // crash test reads its nonce as "the restarted worker sent nothing".
  const { account: poster, privateKey: posterKey } = runKey("e2e-poster");
  // Attesters only sign: deterministic unfunded keys (testKey derives the same accounts).
  const attesterLabels = [1, 2, 3].map((i) => `e2e-attester-${i}`);
  const attesterKey = (label: string) => keccak256(stringToBytes(`risk-oracle-test:${label}`));
  const publicClient = publicClientFor();
  const walletClient = walletClientFor(poster);
  const prefix = `e2e-${Date.now()}`;
  const hmacKey = `e2e-hmac-${Date.now()}`;
  /** A poster's signed request to an attester. */
  const askAttester = (url: string, body: unknown) => {
    const text = JSON.stringify(body);
    return fetch(new URL("/v1/attest", url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [ATTESTER_HMAC_HEADER]: hmacBody(hmacKey, text),
      },
      body: text,
    });
  };
  /** An attester whose report schedule is every epoch, so the test's report epoch is on it. */
  const startTestAttester = (label: string) =>
    startAttester({
      common: common(label, { ATTESTER_PRIVATE_KEY: attesterKey(label), REPORT_EVERY_EPOCHS: 1 }),
      port: 0,
      host: "127.0.0.1",
    });

  const common = (name: string, overrides: Partial<Config>): Common => {
    const shutdown = createShutdown(logger.child({ process: name }), { handleSignals: false });
    owned.push(shutdown);
    stops.set(name, shutdown);
    const metrics = createMetrics();
    metricsOf.set(name, metrics);
    return {
      config: Object.freeze({ ...base, ...overrides }),
      logger: logger.child({ process: name }),
      metrics,
      shutdown,
    };
  };
  const worker = (
    name: string,
    roles: Role[],
    overrides: Partial<Config> = {},
  ): Promise<RunningWorker> =>
    startWorker({ common: common(name, overrides), roles, queuePrefix: prefix, backoffMs: 200 });
  const reportRow = async () =>
    (await db.pool.query(`SELECT * FROM report WHERE id = $1`, [reportId])).rows[0];
  const latest = async () => (await latestIngestedEpoch(db.pool)) ?? -1;

  /** Requests of one beacon route the ingesting worker made, by outcome ("ok" or "error"). */
  const beaconRequests = async (route: string, outcome: "ok" | "error") => {
    const { values } = await metricsOf.get("pipeline")!.beacon.requestSeconds.get();
    return (
      values.find(
        (v) =>
          v.metricName === "oracle_beacon_request_seconds_count" &&
          v.labels.route === route &&
          v.labels.outcome === outcome,
      )?.value ?? 0
    );
  };
  /**
   * Moves the head a quarter epoch at a time up to the first slot of `epoch`, waiting at each step
   * for a whole round of the worker's follower at that head: a round reads the head, stages what
   * the node serves there (INGEST_NEAR_HEAD), then reads the finalized checkpoint. A real head
   * moves an epoch every 6.4 minutes and the follower has many rounds at each; this one moves
   * when told, so each step waits for the round that began after it (the one in flight when the
   * head moved may have read the old head: the second finality read after the move is the proof).
   */
  const followTo = async (epoch: number) => {
    const spe = sim.chain.constants.SLOTS_PER_EPOCH;
    for (let slot = sim.headSlot() + spe / 4; slot <= epoch * spe; slot += spe / 4) {
      sim.advanceToSlot(slot);
      const rounds = await beaconRequests("getStateFinalityCheckpoints", "ok");
      await waitFor(
        `the follower's round at slot ${slot}`,
        async () => (await beaconRequests("getStateFinalityCheckpoints", "ok")) >= rounds + 2,
        20_000,
      );
    }
  };

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // Genesis an hour before the EVM's clock: RiskOracle dates scores by their epoch and refuses epochs in its future.
    const genesisTime = Number((await publicClient.getBlock()).timestamp) - 3_600;
    // The default (pruned) storage of a non-archive node, its head at genesis: the worker reads
    // every epoch near the head while the node serves it.
    sim = await startSimulator({
      scenario: { ...loadScenario("test"), headStartEpoch: 0, genesisTime, genesisTimeGiven: true },
    });
    await fundAccounts(publicClient, [poster]);
    proxy = await startRpcProxy(rpcUrl);
    // Posters sign their attestation requests with the key the attesters share.
    base = Object.freeze({
      ...loadConfig({ env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" } }),
      ATTESTER_HMAC_KEY: hmacKey,
    });
    const defs = parseOperatorFile({
      content: JSON.stringify(scenarioOperatorFile(sim.chain.scenario)),
      format: "json",
      source: "scenario",
    });
    await saveOperatorDefinitions({ pool: db.pool, defs, source: "scenario", resolved: new Map() });

    const circuit = loadCircuit({
      dir: circuitDir(base.MODEL_PATH, base.PROVING_BATCH_SIZE, base.PROVING_SCALE),
    });
    const attesters = attesterLabels.map(testKey);
    // Not in development mode: every report must carry a proof that the circuit's generated verifier accepts.
    ({ oracle } = await deployOracle({
      publicClient,
      walletClient,
      owner: testKey("e2e-owner").address,
      clock: await fetchBeaconClock({ beaconUrl: sim.url }),
      attesters: attesters.map((a) => a.address),
      threshold: 2,
      heartbeat: 86_400,
      modelHash: circuit.manifest.modelHash,
      verifier: loadCircuitVerifier({ circuitDir: circuit.dir }).manifest,
    }));
    base = Object.freeze({ ...base, ORACLE_ADDRESS: oracle });
  });

  after(async () => {
    await stopChildren();
    for (const s of owned.reverse()) await s.run("test done");
    await proxy?.close();
    await sim?.close();
    await db?.close();
    await database?.drop();
  });

  it("ingests every final epoch through a beacon outage, equal to the scenario", async () => {
    // Ingest, score and prove in one worker; posting comes later, in its own workers.
    await worker("pipeline", ["ingest", "score", "prove"], {
      BEACON_URLS: [sim.url],
      BEACON_RETRIES: 1,
      BEACON_RETRY_BASE_MS: 20,
      BEACON_TIMEOUT_MS: 2_000,
      FOLLOW_POLL_MS: 200,
      INGEST_START_EPOCH: 0,
      INGEST_NEAR_HEAD: "on",
      SCORE_EVERY_EPOCHS: 1,
      REPORT_EVERY_EPOCHS: 1_000_000,
    });
    await followTo(6);
    const first = lastIngestableEpoch(sim.status().finalizedEpoch);
    await waitFor("first epochs", async () => (await latest()) >= first);
    // The node goes down while the chain moves on, for an epoch: less than the two epochs a
    // non-archive node keeps an epoch's rewards after it could first be read. Nothing may be
    // lost or half-written.
    const headErrors = await beaconRequests("getBlockHeader", "error");
    sim.faults.inject({ path: ".", kind: "5xx", status: 503 });
    sim.advanceToEpoch(7);
    // Two failed attempts (BEACON_RETRIES: 1) at the head: a whole follower round met the outage.
    await waitFor(
      "a follower round to fail on the outage",
      async () => (await beaconRequests("getBlockHeader", "error")) >= headErrors + 2,
    );
    const during = await latest();
    const ingestable = lastIngestableEpoch(sim.status().finalizedEpoch);
    sim.faults.clear();
    assert.equal(during, first, "nothing was stored while the node was down");
    assert.ok(during < ingestable, "the outage held ingestion back");
    await followTo(10);
    target = lastIngestableEpoch(sim.status().finalizedEpoch);
    await waitFor("catch-up", async () => (await latest()) >= target);
    const { rows } = await db.pool.query<{ epoch: number }>(
      `SELECT epoch FROM epoch ORDER BY epoch`,
    );
    assert.deepEqual(
      rows.map((r) => r.epoch),
      Array.from({ length: target + 1 }, (_, i) => i),
      "every epoch, once",
    );
    for (let epoch = 0; epoch <= target; epoch++) {
      const truth = sim.chain.epochTruth(epoch);
      const { rows: ops } = await db.pool.query(
        `SELECT operator_id, attestation_duties, source_misses, head_misses, proposal_duties, proposals_produced, newly_slashed FROM operator_epoch WHERE epoch = $1`,
        [epoch],
      );
      for (const op of sim.chain.operators) {
        // op-c's slashed validators stay active until their exit, but their duties are not
        // performance (the spec's get_unslashed_participating_indices): they are left out.
        const mine = (i: number) =>
          sim.chain.operatorOf(i)?.id === op.id && countsAsPerformance(sim.chain, epoch, i);
        const indices = Array.from({ length: sim.chain.validatorCount }, (_, i) => i).filter(mine);
        const row = ops.find((r) => r.operator_id === op.id);
        assert.equal(row?.attestation_duties, indices.length, `${op.id}@${epoch} duties`);
        assert.equal(
          row?.source_misses,
          indices.filter((i) => !(truth.flags[i] & 1)).length,
          `${op.id}@${epoch} source misses`,
        );
        const proposals = truth.proposals.filter(
          (p) => sim.chain.operatorOf(p.proposer)?.id === op.id,
        );
        assert.equal(
          row?.proposals_produced,
          proposals.filter((p) => p.produced).length,
          `${op.id}@${epoch} proposals`,
        );
        assert.equal(
          row?.proposal_duties,
          proposals.filter((p) => !sim.chain.schedule.isSlashedAt(p.proposer, epoch)).length,
          `${op.id}@${epoch} proposal duties, a slashed proposer's left out`,
        );
      }
      const { rows: slashed } = await db.pool.query(
        `SELECT offending_indices FROM slashing WHERE epoch = $1`,
        [epoch],
      );
      assert.deepEqual(
        slashed.flatMap((s) => s.offending_indices).sort((a, b) => a - b),
        truth.slashings.map((s) => s.validatorIndex).sort((a, b) => a - b),
      );
    }
  });

  it("scores every operator, prices the offline one's shortfall and the slashed one's slashing in their losses, and proves the report", async () => {
    await waitFor(
      "score",
      async () =>
        (await db.pool.query(`SELECT 1 FROM score_run WHERE epoch = $1`, [target])).rowCount,
    );
    const { rows } = await db.pool.query<{
      operator_id: string;
      score_bps: number;
      features: number[];
      loss: OperatorLossReturnType;
    }>(`SELECT operator_id, score_bps, features, loss FROM operator_score WHERE epoch = $1`, [
      target,
    ]);
    const score = new Map(rows.map((r) => [r.operator_id, r.score_bps]));
    const loss = new Map(rows.map((r) => [r.operator_id, r.loss]));
    assert.deepEqual([...score.keys()].sort(), ["op-a", "op-b", "op-c"]);
    // op-b (half its keys offline for two epochs, a missed proposal): its expected 30-day
    // shortfall (the model's, stored with the loss) is above op-a's. Six epochs of a
    // 256-validator network are far outside the simulated population: every operator's
    // probability is near 1 and its expected shortfall near the head's top (the next test prints
    // them), so only the order is held, not a ratio (docs/model.md, "End to end").
    const shortfall = (id: string) => loss.get(id)!.shortfallBps30d;
    assert.ok(
      shortfall("op-b") > shortfall("op-a"),
      `offline op-b ${shortfall("op-b")} bp vs healthy op-a ${shortfall("op-a")} bp`,
    );
    // op-c's slashing (5 keys, epochs 3 and 4: one incident) is history that the loss prices
    // (docs/model.md): about twice the slashing incidence of the same operator without it, a
    // small 30-day slashing probability, and a slashing part of its expected loss above op-a's.
    const slashed = rows.find((r) => r.operator_id === "op-c")!;
    const prior = operatorLoss({
      features: slashed.features,
      shortfallBps30d: slashed.loss.shortfallBps30d,
    });
    const incidence = slashed.loss.slashingIncidentsPerYear / prior.slashingIncidentsPerYear;
    assert.ok(Math.abs(incidence - 2) < 0.01, `op-c's incidence ${incidence}x its prior`);
    assert.ok(
      slashed.loss.slashingProbability30d < 0.01,
      `P ${slashed.loss.slashingProbability30d}`,
    );
    const slashingPart = (l: OperatorLossReturnType) => l.expectedLossBps30d - l.shortfallBps30d;
    assert.ok(
      slashingPart(slashed.loss) > slashingPart(loss.get("op-a")!),
      `slashing loss of op-c ${slashingPart(slashed.loss)} bp vs op-a ${slashingPart(loss.get("op-a")!)} bp`,
    );
    // pool-a is op-a and op-b: its score is their stake-weighted mean.
    const { rows: stakes } = await db.pool.query<{ operator_id: string; stake_gwei: number }>(
      `SELECT operator_id, stake_gwei FROM operator_score WHERE epoch = $1 AND operator_id IN ('op-a', 'op-b')`,
      [target],
    );
    const { rows: pool } = await db.pool.query(
      `SELECT score_bps, operators FROM pool_score WHERE pool_id = 'pool-a' AND epoch = $1`,
      [target],
    );
    const stake = stakes.reduce((a, r) => a + r.stake_gwei, 0);
    assert.equal(pool[0].operators, 2);
    assert.equal(
      pool[0].score_bps,
      Math.round(stakes.reduce((a, r) => a + r.stake_gwei * score.get(r.operator_id)!, 0) / stake),
    );

    const { execPath } = process;
    const created = await run(
      execPath,
      ["--import", "tsx", "src/bin/cli.ts", "report", "--epoch", String(target)],
      { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" } },
    );
    reportId = (JSON.parse(created.stdout.trim().split("\n").pop()!) as { reportIds: number[] })
      .reportIds[0];
    await waitFor("proof", async () => (await reportRow()).status === "proven", 10 * 60_000);
    const report = await reportRow();
    assert.deepEqual(report.operator_ids, ["op-a", "op-b", "op-c"]);
    for (const [i, id] of report.operator_ids.entries())
      assert.ok(
        // Four output steps at scale 2^10 (4 × 100 / 1024 bp) plus rounding: proveReport's tolerance.
        Math.abs(report.scores_bps[i] - score.get(id)!) <= 2,
        `proven ${report.scores_bps[i]} vs model ${score.get(id)}`,
      );
  });

  it("scores the offline operator above the healthy one", async (t) => {
    const { rows } = await db.pool.query<{
      operator_id: string;
      score_bps: number;
      probability: number;
    }>(`SELECT operator_id, score_bps, probability FROM operator_score WHERE epoch = $1`, [target]);
    const row = new Map(rows.map((r) => [r.operator_id, r]));
    const a = row.get("op-a")!;
    const b = row.get("op-b")!;
    t.diagnostic(
      `op-a P ${a.probability.toFixed(4)} (${a.score_bps} bp), op-b P ${b.probability.toFixed(4)} (${b.score_bps} bp)`,
    );
    // The head is strictly increasing in the probability: the posted bp can tie, never invert.
    assert.ok(b.probability > a.probability, `op-b P ${b.probability} vs op-a P ${a.probability}`);
    assert.ok(b.score_bps >= a.score_bps, `op-b ${b.score_bps} bp vs op-a ${a.score_bps} bp`);
  });

  it("is not posted while the attesters refuse a tampered report", async () => {
    const honest = (await reportRow()).scores_bps as number[];
    // Someone with database access changes the riskiest operator's score before posting: to 0
    // (it looks safe), or to 5 bp if it was 0 already.
    const riskiest = honest.indexOf(Math.max(...honest));
    const tampered = honest[riskiest] > 0 ? 0 : 5;
    await db.pool.query(`UPDATE report SET scores_bps[$2] = $3 WHERE id = $1`, [
      reportId,
      riskiest + 1,
      tampered,
    ]);
    await worker("poster-tampered", ["post"], {
      EVM_RPC_URL: rpcUrl,
      POSTER_PRIVATE_KEY: posterKey,
      ATTESTER_URLS: (await attesterUrls()).join(","),
      FOLLOW_POLL_MS: 200,
    });
    await waitFor(
      "refusals",
      async () =>
        (
          await db.pool.query(
            `SELECT count(*)::int AS n FROM report_attestation WHERE report_id = $1 AND refusal IS NOT NULL`,
            [reportId],
          )
        ).rows[0].n === 3,
    );
    assert.equal(
      await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "reportCount",
      }),
      0,
    );
    assert.equal((await reportRow()).status, "proven");
    const { rows } = await db.pool.query(
      `SELECT refusal FROM report_attestation WHERE report_id = $1`,
      [reportId],
    );
    for (const r of rows) assert.match(r.refusal, /PROOF_INVALID/);
    await owned.pop()!.run("stop tampered poster");
    await db.pool.query(`UPDATE report SET scores_bps = $2 WHERE id = $1`, [reportId, honest]);
  });

  let attesterList: string[] | undefined;
  async function attesterUrls(): Promise<string[]> {
    if (attesterList) return attesterList;
    attesterList = [];
    for (const label of attesterLabels) {
      const a = await startTestAttester(label);
      attesterList.push(a.url);
    }
    return attesterList;
  }

  it("posts exactly once when the poster crashes after sending", async () => {
    // The node takes the transaction, the answer is lost and the RPC endpoint goes away: the
    // poster "crashes" with its transaction in flight.
    proxy.dropResponseThenGoDown("eth_sendRawTransaction");
    await worker("poster-crashing", ["post"], {
      EVM_RPC_URL: proxy.url,
      POSTER_PRIVATE_KEY: posterKey,
      ATTESTER_URLS: (await attesterUrls()).join(","),
      FOLLOW_POLL_MS: 200,
      POSTER_RPC_RETRIES: 0,
    });
    await waitFor(
      "transaction sent",
      async () => (proxy.forwarded.get("eth_sendRawTransaction") ?? 0) >= 1,
    );
    await waitFor(
      "mined",
      async () =>
        (await publicClient.readContract({
          address: oracle,
          abi: riskOracleAbi,
          functionName: "reportCount",
        })) === 1,
    );
    await owned.pop()!.run("poster crash");
    assert.equal((await reportRow()).status, "proven", "the crashed poster recorded nothing");

    await worker("poster-restarted", ["post"], {
      EVM_RPC_URL: rpcUrl,
      POSTER_PRIVATE_KEY: posterKey,
      ATTESTER_URLS: (await attesterUrls()).join(","),
      FOLLOW_POLL_MS: 200,
    });
    await waitFor("recorded", async () => (await reportRow()).status === "posted");
    assert.equal(
      await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "reportCount",
      }),
      1,
      "no second post",
    );
    const report = await reportRow();
    const receipt = await publicClient.getTransactionReceipt({ hash: report.tx_hash });
    const events = parseEventLogs({
      abi: riskOracleAbi,
      eventName: "ReportPosted",
      logs: receipt.logs,
    });
    assert.equal(events.length, 1);
    assert.equal(Number(events[0].args.reportId), report.onchain_report_id);
    // Verified on-chain: the oracle is not in development mode, the model's pin has the generated
    // verifier, and the posted proof hash is this report's proof.
    assert.equal(
      await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "developmentMode",
      }),
      false,
    );
    const artifacts = (await loadReportArtifacts(db.pool, reportId))!;
    const pin = await readModelPin({
      publicClient,
      oracle,
      modelHash: artifacts.modelHash as `0x${string}`,
    });
    assert.ok(pin?.verifier, "the model is pinned to a verifier");
    assert.equal(
      events[0].args.proofHash,
      keccak256(rawProof(Buffer.from(artifacts.proof, "base64"))),
    );
  });

  it("serves the scores, verifies the downloaded artifacts, and the chain and the CDP agree", async () => {
    const app = await buildApp({ db, config: base, logger, metrics: createMetrics() });
    try {
      const op = (await app.inject({ method: "GET", url: "/v1/operators/op-c" })).json();
      const { rows } = await db.pool.query(
        `SELECT score_bps FROM operator_score WHERE operator_id = 'op-c' AND epoch = $1`,
        [target],
      );
      assert.equal(op.score.scoreBps, rows[0].score_bps);
      const report = (
        await app.inject({ method: "GET", url: `/v1/reports/${reportId}` })
      ).json() as { status: string; txHash: string; operators: { id: string; scoreBps: number }[] };
      assert.equal(report.status, "posted");
      assert.equal(report.txHash, (await reportRow()).tx_hash);
      const served = {
        operatorIds: report.operators.map((o) => o.id),
        scoresBps: report.operators.map((o) => o.scoreBps),
      };
      const artifacts = (
        await app.inject({ method: "GET", url: `/v1/reports/${reportId}/artifacts` })
      ).json();

      const dir = await mkdtemp(path.join(tmpdir(), "artifacts-"));
      try {
        const file = path.join(dir, "artifacts.json");
        await writeFile(file, JSON.stringify(artifacts));
        const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" };
        const ok = await run(
          process.execPath,
          ["--import", "tsx", "src/bin/cli.ts", "verify", String(reportId), "--file", file],
          { env },
        );
        assert.match(ok.stdout, /proof verified/);
        for (const [i, id] of served.operatorIds.entries())
          assert.match(ok.stdout, new RegExp(`${id}\\s+${served.scoresBps[i]} bps`));
        // The same command rejects a doctored copy.
        await writeFile(
          file,
          JSON.stringify({
            ...artifacts,
            scoresBps: artifacts.scoresBps.map((s: number) => s + 1),
          }),
        );
        await assert.rejects(
          run(
            process.execPath,
            ["--import", "tsx", "src/bin/cli.ts", "verify", String(reportId), "--file", file],
            { env },
          ),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      const ltvHash = await walletClient.deployContract({
        abi: riskBasedLtvAbi,
        bytecode: riskBasedLtvBytecode,
        // 90% LTV, one LTV point per bp of expected 30-day loss, no new debt from 50 bp.
        args: [9_000, 100, 50, 86_400],
        account: poster,
        chain: walletClient.chain,
      });
      const cdp = (await publicClient.waitForTransactionReceipt({ hash: ltvHash }))
        .contractAddress!;
      for (const [i, id] of served.operatorIds.entries()) {
        const [score, epoch] = await publicClient.readContract({
          address: oracle,
          abi: riskOracleAbi,
          functionName: "getScore",
          args: [feedId({ kind: "operator", id })],
        });
        assert.equal(score, served.scoresBps[i], `on-chain score of ${id}`);
        assert.equal(Number(epoch), target);
        const adapter = await deployFeedAdapter({
          publicClient,
          walletClient,
          oracle,
          operatorId: id,
        });
        await bindCdpFeed({
          publicClient,
          walletClient,
          cdp,
          collateral: demoCollateral(id),
          feed: adapter,
        });
        const ltv = await publicClient.readContract({
          address: cdp,
          abi: riskBasedLtvAbi,
          functionName: "maxLtv",
          args: [demoCollateral(id)],
        });
        const expected = score >= 50 ? 0 : 9_000 - 100 * score;
        assert.equal(Number(ltv), expected, `CDP max LTV for ${id}`);
      }
    } finally {
      await app.close();
    }
  });
  it("has attesters refuse a report for another oracle, or whose inputs their own data contradicts", async () => {
    const artifacts = (await loadReportArtifacts(db.pool, reportId))!;
    const report = serializeReport(
      reportFromArtifacts(
        artifacts,
        await reportValidUntil({
          publicClient,
          oracle,
          epoch: artifacts.epoch,
          validitySeconds: base.REPORT_VALIDITY_SECONDS,
        }),
      ),
    );
    const [url] = await attesterUrls();
    const ask = async (target: { chainId: number; oracle: Address }, at = url) => {
      const response = await askAttester(at, { target, report, artifacts });
      return {
        status: response.status,
        body: (await response.json()) as { refusal?: string; signature?: string },
      };
    };
    const chainId = await publicClient.getChainId();
    assert.equal((await ask({ chainId: 1, oracle })).body.refusal, "WRONG_TARGET");
    const honest = await ask({ chainId, oracle });
    assert.equal(honest.status, 200);
    assert.ok(honest.body.signature);
    // That attester cached its signature for this digest; another one, whose own record of the
    // epoch says op-a missed far more, must not sign.
    const doubter = await startTestAttester("e2e-attester-doubter");
    await db.pool.query(
      `UPDATE operator_epoch SET source_misses = source_misses + 40, source_earned = source_earned - 4e5 WHERE operator_id = 'op-a' AND epoch = $1`,
      [target],
    );
    try {
      const refused = await ask({ chainId, oracle }, doubter.url);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.refusal, "INPUTS_MISMATCH");
    } finally {
      await db.pool.query(
        `UPDATE operator_epoch SET source_misses = source_misses - 40, source_earned = source_earned + 4e5 WHERE operator_id = 'op-a' AND epoch = $1`,
        [target],
      );
    }
  });

  it("refuses the scale attack (output scale +4, settings hash recomputed, scores / 16) at the attester, in `cli verify` and on-chain", async () => {
    const honest = (await loadReportArtifacts(db.pool, reportId))!;
    const settings = JSON.parse(honest.settings) as { model_output_scales: number[] };
    const forgedScale = settings.model_output_scales[0] + 4;
    settings.model_output_scales[0] = forgedScale;
    const forgedSettings = JSON.stringify(settings);
    const instances = instancesFromEzkl(honest.instances);
    // What the proof's outputs read as at the raised scale: the honest scores divided by 16.
    const forgedScores = honest.operatorIds.map((_, i) =>
      bpsFromFelt(instances[2 + i], forgedScale),
    );
    assert.ok(
      forgedScores.some((s, i) => s !== honest.scoresBps[i]),
      "the attack changes some score",
    );
    const forged = {
      ...honest,
      settings: forgedSettings,
      settingsHash: sha256Hex(forgedSettings),
      scoresBps: forgedScores,
    };

    // The attester: refused on the pin, before any proof work.
    const [url] = await attesterUrls();
    const chainId = await publicClient.getChainId();
    const validUntil = await reportValidUntil({
      publicClient,
      oracle,
      epoch: forged.epoch,
      validitySeconds: base.REPORT_VALIDITY_SECONDS,
    });
    const report = buildReport({
      epoch: forged.epoch,
      validUntil,
      firstFeedIndex: forged.firstFeedIndex,
      scoresBps: forgedScores,
      modelHash: forged.modelHash as `0x${string}`,
      inputCommitment: BigInt(forged.inputCommitment),
      proof: rawProof(Buffer.from(forged.proof, "base64")),
    });
    const response = await askAttester(url, {
      target: { chainId, oracle },
      report: serializeReport(report),
      artifacts: forged,
    });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { refusal?: string }).refusal, "CIRCUIT_NOT_PINNED");

    // `cli verify`, against the committed verifier's pin and against RiskOracle's.
    const dir = await mkdtemp(path.join(tmpdir(), "forged-"));
    try {
      const file = path.join(dir, "artifacts.json");
      await writeFile(file, JSON.stringify(forged));
      const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "error" };
      for (const extra of [[], ["--oracle", oracle]]) {
        const result = await run(
          process.execPath,
          [
            "--import",
            "tsx",
            "src/bin/cli.ts",
            "verify",
            String(reportId),
            "--file",
            file,
            ...extra,
          ],
          { env },
        ).then(
          () => "accepted",
          (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
        );
        assert.match(result, /pinned circuit/, `cli verify ${extra.join(" ")}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // On-chain, even with every attester's signature: the pinned output scale makes the scores disagree with the proof.
    const signatures = await Promise.all(
      attesterLabels.map((label) =>
        signReport({ account: testKey(label), report, chainId, oracle }),
      ),
    );
    const proof = rawProof(Buffer.from(forged.proof, "base64"));
    const refused = await revertOf(
      publicClient,
      poster.address,
      oracle,
      riskOracleAbi,
      "postReport",
      [report, signatures, proof, instances],
    );
    assert.equal(refused.errorName, "InstanceMismatch");
  });

  // Real crashes: a worker in its own process group killed with SIGKILL, alone as the OOM killer
  // ends it or with its whole group as a lost machine does (no graceful shutdown, no finally
  // blocks); its native prover ends with it either way.
  const childPrefix = `${prefix}-child`;
  let crashEpochs: number[] = [];
  const childEnv = async (evmRpcUrl: string): Promise<NodeJS.ProcessEnv> => ({
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DATABASE_URL: database.url,
    WORKER_ROLES: "prove,post",
    WORKER_QUEUE_PREFIX: childPrefix,
    EVM_RPC_URL: evmRpcUrl,
    POSTER_PRIVATE_KEY: posterKey,
    ATTESTER_URLS: (await attesterUrls()).join(","),
    ATTESTER_HMAC_KEY: hmacKey,
    ORACLE_ADDRESS: oracle,
    FOLLOW_POLL_MS: "200",
  });
  const startChild = async (evmRpcUrl: string) => {
    const child = spawnWorker({ env: await childEnv(evmRpcUrl) });
    children.push(child);
    return child;
  };
  /** Kills the group and waits until no process of it is left, zombies included. */
  const killGroup = async (child: SpawnWorkerReturnType) => {
    child.killGroup();
    assert.deepEqual(await child.exited, { code: null, signal: "SIGKILL" });
    await waitFor(
      "the worker's whole process group to be gone",
      async () => processesInGroup(child.pid).length === 0,
      10_000,
    );
  };
  /** Kills what an earlier test left running (it failed before its own kill). */
  const stopChildren = async () => {
    for (const child of children.splice(0))
      if (processesInGroup(child.pid).length > 0) await killGroup(child);
  };
  const requestReport = async (epoch: number): Promise<number> => {
    const created = await run(
      process.execPath,
      ["--import", "tsx", "src/bin/cli.ts", "report", "--epoch", String(epoch)],
      { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" } },
    );
    return (JSON.parse(created.stdout.trim().split("\n").pop()!) as { reportIds: number[] })
      .reportIds[0];
  };
  const statusOf = async (id: number) =>
    (await db.pool.query<{ status: string }>(`SELECT status FROM report WHERE id = $1`, [id]))
      .rows[0].status;
  const reportCount = async () =>
    Number(
      await publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "reportCount",
      }),
    );
  /** What the chain and the database hold for an epoch's report: posted events and posted rows. */
  const postedFor = async (epoch: number) => ({
    events: (
      await publicClient.getContractEvents({
        address: oracle,
        abi: riskOracleAbi,
        eventName: "ReportPosted",
        args: { epoch: BigInt(epoch) },
        fromBlock: 0n,
      })
    ).length,
    rows: (
      await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM report WHERE epoch = $1 AND status = 'posted'`,
        [epoch],
      )
    ).rows[0].n,
  });

  it("finishes with one posted report after the worker is SIGKILLed in the middle of a proof", async () => {
    // Two more scored epochs, then the in-process workers stop: from here on only the child proves and posts.
    crashEpochs = [target + 1, target + 2];
    for (
      let epoch = sim.status().headEpoch + 1;
      lastIngestableEpoch(sim.status().finalizedEpoch) < crashEpochs[1];
      epoch++
    )
      await followTo(epoch);
    await waitFor(
      "more epochs scored",
      async () =>
        (await db.pool.query(`SELECT 1 FROM score_run WHERE epoch = ANY($1)`, [crashEpochs]))
          .rowCount === 2,
    );
    for (const name of ["pipeline", "poster-restarted"])
      await stops.get(name)?.run("the child takes over");
    const [epoch] = crashEpochs;
    const id = await requestReport(epoch);

    const first = await startChild(rpcUrl);
    // Proving has started when the job says so and the native prover's ezkl process runs in the
    // worker's group (keys are cached and the witness step is over by the "prove" stage).
    const { queue } = createStageQueue({
      name: QUEUES.prove,
      connection: redisConnection(base.REDIS_URL),
      logger,
      prefix: childPrefix,
    });
    try {
      await waitFor(
        "the native proof to start",
        async () => {
          const progress = (await queue.getJob(proveJobId(id)))?.progress as
            | { stage?: string }
            | undefined;
          return (
            progress?.stage === "prove" &&
            processesInGroup(first.pid).some((p) => p.command.includes("ezkl_worker.py"))
          );
        },
        5 * 60_000,
      );
    } finally {
      await queue.close();
    }
    const prover = processesInGroup(first.pid).filter((p) => p.command.includes("ezkl_worker.py"));
    assert.equal(prover.length, 1, "one native prover process");
    // The OOM killer ends one process, not its group: only the worker is killed, and its prover
    // must end with it (PR_SET_PDEATHSIG) instead of proving on for minutes.
    process.kill(first.pid, "SIGKILL");
    assert.deepEqual(await first.exited, { code: null, signal: "SIGKILL" });
    await waitFor(
      "the prover to end with the worker",
      async () => processesInGroup(first.pid).every((q) => q.pid !== prover[0].pid),
      10_000,
    );
    assert.equal(await statusOf(id), "pending", "killed before the proof was stored");
    // Its work folder is named with its pid: the killed worker could not remove it.
    const leftovers = () =>
      readdirSync(tmpdir()).filter((name) => name.startsWith(`ezkl-native-${first.pid}-`));
    assert.equal(leftovers().length, 1, "the killed worker's work folder is left behind");

    // The restarted worker takes the job again once the dead worker's lock has lapsed.
    const second = await startChild(rpcUrl);
    await waitFor(
      "posted after the restart",
      async () => (await statusOf(id)) === "posted",
      10 * 60_000,
    );
    assert.deepEqual(await postedFor(epoch), { events: 1, rows: 1 });
    assert.deepEqual(leftovers(), [], "the restarted worker's prover removed it");
    await killGroup(second);
  });

  it("finishes with one posted report after the worker is SIGKILLed between broadcasting and recording", async () => {
    const [, epoch] = crashEpochs;
    assert.ok(epoch, "the previous test scored this epoch");
    await stopChildren();
    const id = await requestReport(epoch);
    const countBefore = await reportCount();

    // The node takes (and mines) the transaction, its answer never reaches the worker (the proxy
    // is up again: the earlier crash test left it down).
    proxy.setDown(false);
    proxy.holdResponse("eth_sendRawTransaction");
    const first = await startChild(proxy.url);
    await waitFor(
      "the transaction on-chain",
      async () => (await reportCount()) === countBefore + 1,
      10 * 60_000,
    );
    await killGroup(first);
    assert.equal(await statusOf(id), "proven", "the killed worker recorded no post");
    assert.deepEqual(await postedFor(epoch), { events: 1, rows: 0 });
    // The head first: a transaction mined between the two reads is then still in the scanned blocks.
    const blockAfterKill = await publicClient.getBlockNumber();
    const nonceAfterKill = await publicClient.getTransactionCount({ address: poster.address });

    const second = await startChild(rpcUrl);
    await waitFor(
      "recorded after the restart",
      async () => (await statusOf(id)) === "posted",
      5 * 60_000,
    );
    assert.deepEqual(await postedFor(epoch), { events: 1, rows: 1 });
    assert.equal(await reportCount(), countBefore + 1, "no second post");
    const nonce = await publicClient.getTransactionCount({ address: poster.address });
    // A moved nonce names what was sent (target, function, arguments): a wasted replacement, a
    // feed registration or a second post read differently from two numbers.
    const sent =
      nonce === nonceAfterKill
        ? []
        : (
            await sentTransactions({
              publicClient,
              from: poster.address,
              fromBlock: blockAfterKill,
            })
          ).filter((t) => t.nonce >= nonceAfterKill);
    assert.equal(
      nonce,
      nonceAfterKill,
      `the restarted worker sent no transaction, nonce ${nonceAfterKill} → ${nonce} (oracle ${oracle}): ${sent
        .map((t) => `nonce ${t.nonce} in block ${t.blockNumber} to ${t.to}: ${t.call}`)
        .join("; ")}`,
    );
    const { rows } = await db.pool.query(`SELECT tx_hash FROM report WHERE id = $1`, [id]);
    const receipt = await publicClient.getTransactionReceipt({ hash: rows[0].tx_hash });
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "ReportPosted", logs: receipt.logs }).length,
      1,
      "the recorded transaction is the one that posted",
    );
    await killGroup(second);
  });
});

async function waitFor(
  what: string,
  check: () => Promise<unknown>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
