/**
 * Command-line entry point.
 *   backfill --from E1 --to E2      ingest a range of finalized epochs (resumable, with ETA)
 *   ingest --epoch E                ingest one finalized epoch
 *   operators import FILE [--format csv|json]
 *                                   import pubkey labels / withdrawal-credential rules
 *   circuit                         calibrate and compile the model's batch circuit into circuits/
 *   circuit compile --model M.onnx --settings S.json --out DIR
 *                                   compile any model with a given ezkl settings file (as native ezkl does)
 *   deploy --attesters A,B,C --threshold M --owner ADDRESS [--heartbeat S] [--development]
 *                                   deploy RiskOracle, the circuit's Halo2 verifier (contracts/generated), the
 *                                   model hash with its pinned circuit, and the example CDP; poster key = owner.
 *                                   --development: no verifier, reports on signatures alone (local only)
 *   report --epoch E                create the reports of a scored epoch (the worker proves and posts them)
 *   report retry REPORT_ID [--queue-prefix P]
 *                                   try a failed report again (its proof, or only its post when proven)
 *   verify REPORT_ID [--api URL | --file FILE] [--srs FILE] [--oracle ADDRESS]
 *                                   check a report from its published artifacts against the pinned circuit
 *                                   (RiskOracle's pin with --oracle, else the committed verifier of the
 *                                   configured circuit) and print the proven scores
 *   feeds register                  register the database's feeds on RiskOracle (owner key)
 *   admin changes                   RiskOracle's pending delayed changes, decoded, with readyAt
 *   admin schedule add-attester A | remove-attester A | threshold N | heartbeat S | accept-model --verifier V
 *   admin execute CHANGE_ID | admin cancel CHANGE_ID
 *                                   the owner's transaction (to, data) for one step of a delayed
 *                                   change, printed for the owner (a multisig) to sign: the project
 *                                   never holds the owner's key
 */
import { readFile } from "node:fs/promises";
import { createPublicClient, http, isAddress, type Address, type Hex } from "viem";
import { parseArgs } from "node:util";
import { createBeaconClient, fetchFinalizedEpoch, type BeaconClient } from "../beacon/index.js";
import { createProgress } from "../common/index.js";
import { countFeeds, createDb, saveOracleDeployment, type ReportArtifacts } from "../db/index.js";
import {
  acceptModelChange,
  createChainClients,
  fetchBeaconClock,
  listOracleChanges,
  loadCircuitVerifier,
  loadPosterAccount,
  planOracleAdminCall,
  type OracleChange,
} from "../chain/index.js";
import {
  createEpochReports,
  ensureFeedsRegistered,
  importOperators,
  planOracleDeployment,
  requeueFailedReport,
  resolveDeploymentBlock,
  verifyPublishedReport,
} from "../pipeline/index.js";
import {
  buildRiskCircuit,
  circuitDir,
  compileCircuitFiles,
  loadCircuit,
  MAX_LOGROWS,
  sha256Hex,
  writeCircuit,
} from "../proving/index.js";
import { deployOracle } from "../chain/deployOracle.js";
import { backfill, createIngester } from "../ingest/index.js";
import { createCommon } from "./createCommon.js";
import { createClient } from "../client/index.js";

const USAGE = `usage:
  cli backfill --from E1 --to E2
  cli ingest --epoch E
  cli operators import FILE [--format csv|json]
  cli circuit
  cli circuit compile --model M.onnx --settings S.json --out DIR
  cli deploy --attesters A,B,C --threshold M --owner ADDRESS [--heartbeat S] [--development]
  cli report --epoch E
  cli report retry REPORT_ID [--queue-prefix P]
  cli verify REPORT_ID [--api URL | --file FILE] [--srs FILE] [--oracle ADDRESS]
  cli feeds register
  cli admin changes
  cli admin schedule add-attester ADDRESS | remove-attester ADDRESS | threshold N | heartbeat SECONDS | accept-model --verifier ADDRESS
  cli admin execute CHANGE_ID
  cli admin cancel CHANGE_ID`;

const common = createCommon("cli");
const { config, logger, shutdown } = common;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: "string" },
    to: { type: "string" },
    epoch: { type: "string" },
    format: { type: "string" },
    attesters: { type: "string" },
    owner: { type: "string" },
    threshold: { type: "string" },
    heartbeat: { type: "string" },
    api: { type: "string" },
    file: { type: "string" },
    srs: { type: "string" },
    model: { type: "string" },
    settings: { type: "string" },
    out: { type: "string" },
    oracle: { type: "string" },
    verifier: { type: "string" },
    development: { type: "boolean", default: false },
    "queue-prefix": { type: "string", default: "oracle" },
  },
});

const db = createDb({ url: config.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
const connectBeacon = (): Promise<BeaconClient> =>
  createBeaconClient({
    options: {
      urls: config.BEACON_URLS,
      timeoutMs: config.BEACON_TIMEOUT_MS,
      retries: config.BEACON_RETRIES,
      retryBaseMs: config.BEACON_RETRY_BASE_MS,
    },
    logger,
    signal: shutdown.signal,
  });

try {
  const [command, sub, file] = positionals;
  if (command === "backfill") {
    const from = integer(values.from, "--from");
    const to = integer(values.to, "--to");
    const beacon = await connectBeacon();
    const ingester = createIngester({
      beacon,
      db,
      logger,
      bulkTimeoutMs: config.BEACON_TIMEOUT_MS,
    });
    const result = await backfill({
      beacon,
      db,
      ingester,
      from,
      to,
      signal: shutdown.signal,
      progress: (total) => createProgress({ label: "backfill", total }),
    });
    logger.info(result, "backfill finished");
  } else if (command === "ingest") {
    const epoch = integer(values.epoch, "--epoch");
    const beacon = await connectBeacon();
    const ingester = createIngester({
      beacon,
      db,
      logger,
      bulkTimeoutMs: config.BEACON_TIMEOUT_MS,
    });
    logger.info(
      await ingester.ingestEpoch(epoch, await fetchFinalizedEpoch({ beacon })),
      "ingest finished",
    );
  } else if (command === "operators" && sub === "import" && file) {
    const format = (values.format ?? (file.toLowerCase().endsWith(".json") ? "json" : "csv")) as
      | "csv"
      | "json";
    if (format !== "csv" && format !== "json") throw new Error("--format must be csv or json");
    const source = file.split("/").pop()!;
    await importOperators({
      pool: db.pool,
      content: await readFile(file, "utf8"),
      format,
      source,
      connectBeacon,
      progress: (total) => createProgress({ label: "resolve pubkeys", total }),
      logger,
    });
  } else if (command === "circuit" && sub === "compile") {
    if (!values.model || !values.settings || !values.out)
      throw new Error("circuit compile needs --model M.onnx --settings S.json --out DIR");
    const result = compileCircuitFiles({
      onnx: new Uint8Array(await readFile(values.model)),
      settingsJson: await readFile(values.settings, "utf8"),
      outDir: values.out,
    });
    process.stdout.write(
      `${JSON.stringify({ dir: values.out, compiledSha256: result.compiledSha256, ...result.manifest })}\n`,
    );
  } else if (command === "circuit") {
    const dir = circuitDir(config.MODEL_PATH, config.PROVING_BATCH_SIZE, config.PROVING_SCALE);
    logger.info(
      {
        model: config.MODEL_PATH,
        batchSize: config.PROVING_BATCH_SIZE,
        scale: config.PROVING_SCALE,
      },
      "calibrating and compiling the circuit",
    );
    const circuit = buildRiskCircuit({
      modelPath: config.MODEL_PATH,
      batchSize: config.PROVING_BATCH_SIZE,
      scale: config.PROVING_SCALE,
      maxLogrows: MAX_LOGROWS[config.PROVER],
    });
    writeCircuit(dir, circuit);
    process.stdout.write(`${JSON.stringify({ dir, ...circuit.manifest })}\n`);
  } else if (command === "deploy") {
    const attesters = (values.attesters ?? "").split(",").filter(Boolean) as Address[];
    if (attesters.length === 0 || attesters.some((a) => !isAddress(a)))
      throw new Error("--attesters must be a comma-separated list of addresses");
    const { publicClient, walletClient } = await chainClients();
    const circuit = loadCircuit({
      dir: circuitDir(config.MODEL_PATH, config.PROVING_BATCH_SIZE, config.PROVING_SCALE),
    });
    if (
      config.ORACLE_ADDRESS &&
      (await publicClient.getCode({ address: config.ORACLE_ADDRESS as Address }))
    ) {
      process.stdout.write(
        `${JSON.stringify({ oracle: config.ORACLE_ADDRESS, deployed: false, reason: "ORACLE_ADDRESS already has code" })}\n`,
      );
    } else {
      // The verifier must be the one for the SRS the provers use: a ceremony SRS needs `npm run contracts:verifier` first.
      const srsSha256 = config.EZKL_SRS_PATH
        ? sha256Hex(await readFile(config.EZKL_SRS_PATH))
        : undefined;
      const { owner, verifier } = planOracleDeployment({
        circuitDir: circuit.dir,
        development: values.development!,
        nodeEnv: config.NODE_ENV,
        owner: values.owner,
        srsSha256,
      });
      const clock = await fetchBeaconClock({
        beaconUrl: config.BEACON_URLS[0],
        timeoutMs: config.BEACON_TIMEOUT_MS,
      });
      const result = await deployOracle({
        publicClient,
        walletClient,
        owner,
        clock,
        adminDelay: config.ORACLE_ADMIN_DELAY_SECONDS,
        production: config.NODE_ENV === "production",
        attesters,
        threshold: integer(values.threshold, "--threshold"),
        heartbeat: values.heartbeat
          ? integer(values.heartbeat, "--heartbeat")
          : config.ORACLE_HEARTBEAT_SECONDS,
        modelHash: circuit.manifest.modelHash,
        verifier,
      });
      // The poster searches the oracle's events from here, not from genesis.
      await saveOracleDeployment(db.pool, {
        chainId: await publicClient.getChainId(),
        oracle: result.oracle,
        blockNumber: result.blockNumber,
      });
      process.stdout.write(
        `${JSON.stringify({ oracle: result.oracle, cdp: result.cdp, verifier: result.verifier, developmentMode: !verifier, block: result.blockNumber.toString(), modelHash: circuit.manifest.modelHash, deployed: true })}\n`,
      );
    }
  } else if (command === "report" && sub === "retry" && file) {
    const reportId = integer(file, "REPORT_ID");
    const result = await requeueFailedReport({
      pool: db.pool,
      reportId,
      redisUrl: config.REDIS_URL,
      queuePrefix: values["queue-prefix"]!,
      logger,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (command === "report") {
    const epoch = integer(values.epoch, "--epoch");
    const { reportIds } = await createEpochReports({
      pool: db.pool,
      epoch,
      batchSize: config.PROVING_BATCH_SIZE,
    });
    process.stdout.write(`${JSON.stringify({ epoch, reportIds })}\n`);
  } else if (command === "verify" && sub) {
    const id = integer(sub, "REPORT_ID");
    const artifacts: ReportArtifacts = values.file
      ? JSON.parse(await readFile(values.file, "utf8"))
      : await fetchArtifacts(values.api ?? `http://${config.API_HOST}:${config.API_PORT}`, id);
    const pin = values.oracle
      ? {
          publicClient: createPublicClient({ transport: http(config.EVM_RPC_URL) }),
          oracle: values.oracle as Address,
        }
      : {
          circuitDir: circuitDir(
            config.MODEL_PATH,
            config.PROVING_BATCH_SIZE,
            config.PROVING_SCALE,
          ),
        };
    const result = await verifyPublishedReport({
      artifacts,
      reportId: id,
      pin,
      srsPath: values.srs,
      configuredSrsPath: config.EZKL_SRS_PATH,
      nodeEnv: config.NODE_ENV,
    });
    process.stdout.write(
      `report ${id}: proof verified; epoch ${result.epoch}; model hash ${result.modelHash}; input commitment ${result.inputCommitment}\n`,
    );
    for (const [i, operatorId] of result.operatorIds.entries())
      process.stdout.write(
        `  ${operatorId.padEnd(24)} ${String(result.scoresBps[i]).padStart(5)} bps\n`,
      );
  } else if (command === "feeds" && sub === "register") {
    if (!config.ORACLE_ADDRESS) throw new Error("ORACLE_ADDRESS is required");
    const { publicClient, walletClient, account } = await chainClients();
    const feeds = await countFeeds(db.pool);
    await ensureFeedsRegistered({
      pool: db.pool,
      publicClient,
      walletClient,
      account,
      oracle: config.ORACLE_ADDRESS as Address,
      from: 0,
      upTo: feeds,
      logger,
    });
    logger.info({ feeds }, "feeds registered");
  } else if (command === "admin" && sub) {
    if (!config.ORACLE_ADDRESS) throw new Error("ORACLE_ADDRESS is required");
    const oracle = config.ORACLE_ADDRESS as Address;
    const publicClient = createPublicClient({ transport: http(config.EVM_RPC_URL) });
    const fromBlock = await resolveDeploymentBlock({
      pool: db.pool,
      publicClient,
      chainId: await publicClient.getChainId(),
      oracle,
    });
    const pending = await listOracleChanges({ publicClient, oracle, fromBlock });
    const print = (answer: unknown) => process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    if (sub === "changes") print(pending);
    else if (sub === "schedule")
      print(
        planOracleAdminCall({
          action: "schedule",
          oracle,
          pending,
          change: await changeFromArgs(),
        }),
      );
    else if ((sub === "execute" || sub === "cancel") && file)
      print(planOracleAdminCall({ action: sub, oracle, pending, changeId: file as Hex }));
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
} catch (error) {
  logger.error(
    {
      err: error instanceof Error ? error.message : String(error),
      code: (error as { code?: string }).code,
    },
    "command failed",
  );
  process.exitCode = 1;
} finally {
  await shutdown.run("done");
}

async function chainClients() {
  const account = await loadPosterAccount({
    privateKey: config.POSTER_PRIVATE_KEY,
    keystorePath: config.POSTER_KEYSTORE_PATH,
    keystorePassword: config.POSTER_KEYSTORE_PASSWORD,
  });
  return { account, ...(await createChainClients({ rpcUrl: config.EVM_RPC_URL, account })) };
}

/** The change `admin schedule KIND ARG` names; accept-model pins the configured circuit's committed verifier. */
async function changeFromArgs(): Promise<OracleChange> {
  const [, , kind, arg] = positionals;
  if (kind === "add-attester" || kind === "remove-attester")
    return {
      kind: kind === "add-attester" ? "addAttester" : "removeAttester",
      attester: (arg ?? "") as Address,
    };
  if (kind === "threshold") return { kind: "setThreshold", threshold: integer(arg, "N") };
  if (kind === "heartbeat")
    return { kind: "setHeartbeat", heartbeatSeconds: integer(arg, "SECONDS") };
  if (kind === "accept-model") {
    const circuit = loadCircuit({
      dir: circuitDir(config.MODEL_PATH, config.PROVING_BATCH_SIZE, config.PROVING_SCALE),
    });
    // As for deploy: the verifier must be the one made for the SRS the provers use.
    const { manifest } = loadCircuitVerifier({
      circuitDir: circuit.dir,
      srsSha256: config.EZKL_SRS_PATH ? sha256Hex(await readFile(config.EZKL_SRS_PATH)) : undefined,
    });
    return acceptModelChange({
      modelHash: circuit.manifest.modelHash,
      verifier: (values.verifier ?? "") as Address,
      manifest,
    });
  }
  process.stderr.write(`unknown change ${kind ?? "(none)"}\n${USAGE}\n`);
  process.exit(2);
}

/** Through the typed client (src/client), as the web pages read them; API problems arrive as coded ClientErrors. */
async function fetchArtifacts(api: string, id: number): Promise<ReportArtifacts> {
  return (await createClient({ baseUrl: api }).reportArtifacts(id)) as ReportArtifacts;
}

function integer(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`${name} must be a non-negative integer\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}
