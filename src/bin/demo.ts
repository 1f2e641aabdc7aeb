/**
 * The main job on a local default, end to end: the Beacon API simulator serves a scenario chain
 * (healthy operators, an offline one, one missing proposals, a slashing cluster); a local EVM
 * node gets RiskOracle and the example CDP; three attester processes start with their own keys;
 * the worker follows finality → ingests → scores → proves → collects 2-of-3 attestations →
 * posts; and a table shows each operator's score, grade, report, proof check, transaction and
 * the max LTV the CDP contract now allows.
 *
 * Run through `npm run demo` (scripts/demo.sh starts PostgreSQL, Redis and the EVM node first).
 */
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createShutdown } from "../common/index.js";
import { loadConfig } from "../config/index.js";
import {
  createDb,
  firstReportOfEpoch,
  latestIngestedEpoch,
  loadEpochScores,
  loadReportArtifacts,
  loadReportAttestations,
  loadReportPost,
  loadReportStatus,
  saveOperatorDefinitions,
} from "../db/index.js";
import { lastIngestableEpoch } from "../ingest/index.js";
import { createLogger } from "../common/logger.js";
import { createMetrics } from "../metrics/index.js";
import {
  fetchBeaconClock,
  halo2VerifierAbi,
  loadCircuitVerifier,
  riskBasedLtvAbi,
} from "../chain/index.js";
import { instancesFromEzkl, rawProof } from "../report/index.js";
import { parseOperatorFile } from "../operators/index.js";
import { startWorker, verifyPublishedReport } from "../pipeline/index.js";
import { circuitDir, loadCircuit } from "../proving/index.js";
import { loadScenario, scenarioOperatorFile, startSimulator } from "../simulator/index.js";
import {
  bindCdpFeed,
  demoCollateral,
  deployFeedAdapter,
  deployOracle,
} from "../chain/deployOracle.js";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "demo" },
    "live-epochs": { type: "string", default: "2" },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const base = loadConfig();
const logger = createLogger({
  level: base.LOG_LEVEL,
  pretty: base.LOG_PRETTY === "auto" ? undefined : base.LOG_PRETTY === "true",
  name: "demo",
});
const shutdown = createShutdown(logger);
const timings: Record<string, number> = {};
const mark = (stage: string, since: number) => (timings[stage] = (Date.now() - since) / 1000);

// Hardhat's well-known development accounts: #0 deploys, posts and registers feeds, #1–#3 attest, #4 owns RiskOracle.
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
const account = (i: number) => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: i });
const hex = (i: number) => `0x${Buffer.from(account(i).getHdKey().privateKey!).toString("hex")}`;

// 1. The chain: start a few epochs past the scenario's events, so the history is ingested at
//    once and live finality is then followed for a couple of epochs.
const scenarioBase = loadScenario(values.scenario!);
const lastEvent = Math.max(
  0,
  ...scenarioBase.operators.flatMap((o) => [
    ...o.slashings.map((s) => s.epoch),
    ...o.offline.map((w) => w.toEpoch),
  ]),
);
const scenario = {
  ...scenarioBase,
  headStartEpoch: Math.max(scenarioBase.headStartEpoch, lastEvent + 5),
};
// Archive storage: the worker ingests finalized epochs, which a pruned node no longer serves.
const sim = await startSimulator({ scenario, clock: "wall", port: 0, storage: "archive", logger });
shutdown.add("simulator", () => sim.close());
const target = lastIngestableEpoch(sim.status().finalizedEpoch) + Number(values["live-epochs"]);
say(
  `▶ simulator: ${scenario.validatorCount} validators, ${scenario.operators.length} operators, preset ${scenario.preset}, head epoch ${sim.status().headEpoch} (${sim.url})`,
);

// 2. The contracts: RiskOracle with three attesters (threshold 2), the circuit's generated Halo2 verifier and its
//    model hash pinned with it, and the example CDP.
const circuit = loadCircuit({
  dir: circuitDir(base.MODEL_PATH, base.PROVING_BATCH_SIZE, base.PROVING_SCALE),
});
const transport = http(base.EVM_RPC_URL);
const publicClient = createPublicClient({ chain: hardhat, transport, pollingInterval: 250 });
const walletClient = createWalletClient({ chain: hardhat, transport, account: account(0) });
const attesterAccounts = [1, 2, 3].map(account);
const verifierManifest = loadCircuitVerifier({ circuitDir: circuit.dir }).manifest;
const clock = await fetchBeaconClock({ beaconUrl: sim.url });
const { oracle, cdp, verifier } = await deployOracle({
  publicClient,
  walletClient,
  owner: account(4).address,
  clock,
  attesters: attesterAccounts.map((a) => a.address),
  threshold: 2,
  heartbeat: 86_400,
  modelHash: circuit.manifest.modelHash,
  verifier: verifierManifest,
});
say(
  `▶ chain ${await publicClient.getChainId()}: RiskOracle ${oracle} (3 attesters, threshold 2, model ${circuit.manifest.modelHash.slice(0, 10)}… pinned to Halo2Verifier ${verifier}, ${verifierManifest.verifier.deployedBytes} bytes), CDP example ${cdp}`,
);

// 3. Operator labels, as a user would import them: each operator's withdrawal address.
const db = createDb({ url: base.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
const defs = parseOperatorFile({
  format: "json",
  source: `${scenario.name}-labels`,
  content: JSON.stringify(scenarioOperatorFile(scenario)),
});
await saveOperatorDefinitions({
  pool: db.pool,
  defs,
  source: `${scenario.name}-labels`,
  resolved: new Map(),
});
say(
  `▶ operators: ${defs.operators.length} operators in ${defs.pools.length} pools (withdrawal-address rules)`,
);

// 4. Three independent attester processes, each with its own key.
const attesterHmacKey = randomBytes(32).toString("hex");
const attesterPorts = [58601, 58602, 58603];
const children: ChildProcess[] = attesterPorts.map((port, i) =>
  spawn(process.execPath, ["--import", "tsx", "src/bin/attester.ts"], {
    // The attesters sign only the report schedule's epochs, and only requests the poster signed with the shared key.
    env: {
      ...process.env,
      ATTESTER_PRIVATE_KEY: hex(i + 1),
      ATTESTER_PORT: String(port),
      ORACLE_ADDRESS: oracle,
      REPORT_EVERY_EPOCHS: String(target),
      ATTESTER_HMAC_KEY: attesterHmacKey,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  }),
);
const stopped = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once("exit", () => resolve());
    c.kill("SIGTERM");
  });
shutdown.add("attesters", () => Promise.all(children.map(stopped)).then(() => undefined));
for (const port of attesterPorts)
  await waitFor(
    `attester :${port}`,
    async () =>
      (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok === true,
  );
say(
  `▶ attesters: ${attesterAccounts.map((a) => `${a.address.slice(0, 10)}…`).join(", ")} on ports ${attesterPorts.join(", ")}`,
);

// 5. The worker, every stage in this process: ingest → score → prove → post (asking the attesters).
const config = Object.freeze({
  ...base,
  BEACON_URLS: [sim.url],
  FOLLOW_POLL_MS: 1_000,
  INGEST_START_EPOCH: 0,
  SCORE_EVERY_EPOCHS: 4,
  REPORT_EVERY_EPOCHS: target,
  ORACLE_ADDRESS: oracle,
  POSTER_PRIVATE_KEY: hex(0),
  ATTESTER_URLS: attesterPorts.map((p) => `http://127.0.0.1:${p}`).join(","),
  ATTESTER_HMAC_KEY: attesterHmacKey,
});
const metrics = createMetrics();
const worker = await startWorker({
  common: { config, logger, metrics, shutdown },
  roles: ["ingest", "score", "prove", "post"],
  queuePrefix: `demo-${Date.now()}`,
});
say(
  `▶ following finality: epochs 0..${target} (the last ${values["live-epochs"]} as they finalize); report at epoch ${target}`,
);

let t = Date.now();
let shown = -1;
await waitFor("ingestion", async () => {
  const latest = (await latestIngestedEpoch(db.pool)) ?? -1;
  if (latest !== shown) {
    shown = latest;
    say(
      `  ingested epoch ${latest}/${target}  (finalized ${worker.follower?.finalizedEpoch ?? "?"}, ${elapsed()})`,
    );
  }
  return latest >= target;
});
mark("ingest (follow + ingest)", t);
t = Date.now();
const reportId = await waitFor("report", () =>
  firstReportOfEpoch({ pool: db.pool, epoch: target }),
);
mark("score + report", t);
say(
  `▶ scored epoch ${target}; report ${reportId}: proving ${circuit.manifest.batchSize}-operator batch (logrows ${circuit.manifest.logrows})…`,
);
t = Date.now();
let lastProgress = "";
await waitFor(
  "proof",
  async () => {
    const job = await worker.queues.prove.queue.getJob(`prove-${reportId}`);
    const p = job?.progress as { stage?: string; fraction?: number } | undefined;
    const line = p?.stage ? `  proving: ${p.stage} ${Math.round((p.fraction ?? 0) * 100)}%` : "";
    if (line && line !== lastProgress) {
      lastProgress = line;
      say(`${line}  (${elapsed()})`);
    }
    const { status, error } = (await loadReportStatus({ pool: db.pool, reportId }))!;
    if (status === "failed") throw new Error(`report failed: ${error}`);
    return status !== "pending";
  },
  1_000,
);
mark("prove", t);
say(`▶ proven; attesters verify the proof and recompute the inputs, then the poster submits…`);
t = Date.now();
await waitFor(
  "post",
  async () => {
    return (await loadReportStatus({ pool: db.pool, reportId }))!.status === "posted";
  },
  500,
);
mark("attest + post", t);

// 6. What a CDP and an auditor now see.
t = Date.now();
const artifacts = (await loadReportArtifacts(db.pool, reportId))!;
// As an auditor would: against the circuit RiskOracle pins for the model, never the artifacts' own.
const verified = await verifyPublishedReport({
  artifacts,
  reportId,
  pin: { publicClient, oracle },
  configuredSrsPath: config.EZKL_SRS_PATH,
  nodeEnv: config.NODE_ENV,
});
const { pinned } = verified;
// postReport reverts unless the verifier accepts the proof; its own share of the gas, measured alone:
const verifierGas = await publicClient.estimateContractGas({
  address: pinned.verifier!,
  abi: halo2VerifierAbi,
  functionName: "verifyProof",
  args: [rawProof(Buffer.from(artifacts.proof, "base64")), instancesFromEzkl(artifacts.instances)],
  account: walletClient.account,
});
const post = (await loadReportPost({ pool: db.pool, reportId }))!;
const attestations = await loadReportAttestations({ pool: db.pool, reportId });
const rows = await loadEpochScores({ pool: db.pool, epoch: target });
const ltvOf = new Map<string, number>();
for (const r of rows) {
  const adapter = await deployFeedAdapter({
    publicClient,
    walletClient,
    oracle,
    operatorId: r.operatorId,
  });
  // The CDP reads the feed it bound to the collateral, never one the caller names.
  const collateral = demoCollateral(r.operatorId);
  await bindCdpFeed({ publicClient, walletClient, cdp: cdp as Address, collateral, feed: adapter });
  ltvOf.set(
    r.operatorId,
    Number(
      await publicClient.readContract({
        address: cdp as Address,
        abi: riskBasedLtvAbi,
        functionName: "maxLtv",
        args: [collateral],
      }),
    ),
  );
}
mark("verify + CDP read", t);

say("");
say(
  pad([
    "operator",
    "pool",
    "validators",
    "score (bps)",
    "grade",
    "proven",
    "report",
    "verified on-chain",
    "tx",
    "CDP max LTV",
  ]),
);
for (const r of rows) {
  const i = verified.operatorIds.indexOf(r.operatorId);
  say(
    pad([
      r.operatorId,
      r.poolId ?? "-",
      r.validators,
      r.scoreBps,
      r.grade,
      i >= 0 ? verified.scoresBps[i] : "-",
      reportId,
      i >= 0 ? `yes, ${post.gasUsed} gas` : "-",
      `${String(post.txHash).slice(0, 12)}…`,
      `${(ltvOf.get(r.operatorId)! / 100).toFixed(2)}%`,
    ]),
  );
}
say("");
say(
  `attestations: ${attestations.map((a) => `${String(a.attester).slice(0, 10)}… ${a.signed ? "signed" : "refused"}`).join(", ")}; on-chain report #${post.onchainReportId}, proof verified by Halo2Verifier ${pinned.verifier} in the same transaction: gas ${post.gasUsed} (the verifier alone ${verifierGas})`,
);
say(
  `stage wall times: ${Object.entries(timings)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(" · ")}`,
);
say(`✔ beacon chain → proven scores → RiskOracle → CDP in ${elapsed()}`);
// The web pages of this run (README, "Verify it yourself, in the browser"), served by `npm run api`.
const site = `http://${config.API_HOST}:${config.API_PORT}`;
const riskiest = rows.reduce((a, b) => (b.scoreBps > a.scoreBps ? b : a));
say(
  `pages (serve them with \`npm run demo:pages\`: the API over this run's database, oracle_demo):`,
);
say(`  report ${reportId}: ${site}/reports/${reportId}`);
say(
  `  riskiest operator (${riskiest.operatorId}, ${riskiest.scoreBps} bps): ${site}/operators/${encodeURIComponent(riskiest.operatorId)}`,
);
await shutdown.run("demo finished");

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  everyMs = 500,
  timeoutMs = 20 * 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function pad(cells: unknown[]): string {
  const widths = [14, 12, 10, 11, 6, 7, 7, 14, 15, 11];
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join(" ");
}
