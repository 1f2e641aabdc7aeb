/**
 * Wires the pipeline stages of one worker process: ingest (follower + epoch ingestion), score,
 * prove and post, each on its BullMQ queue, plus a reconciler that re-derives owed work from
 * PostgreSQL. Used by the worker entry point, the demo and the end-to-end test, so all three run
 * the same code.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseGwei, type Address } from "viem";
import { createBeaconClient } from "../beacon/index.js";
import { sleep } from "../common/index.js";
import type { Common } from "../config/index.js";
import {
  createDb,
  ingestedSpan,
  loadPostedOperatorIds,
  scoringEpochs,
  type Db,
} from "../db/index.js";
import { createFollower, createIngester, ingestionLag, type Follower } from "../ingest/index.js";
import {
  createChainClients,
  loadPosterAccount,
  observeFeedStaleness,
  riskOracleAbi,
} from "../chain/index.js";
import { feedId } from "../report/index.js";
import {
  circuitDir,
  loadCircuit,
  nativeEzklPython,
  NativeProverUnavailableError,
  resolveSrsPath,
} from "../proving/index.js";
import { createPipelineQueues, type PipelineQueues } from "../queue/index.js";
import { createScorer } from "../scoring/index.js";
import { checkOracleMode } from "./checkOracleMode.js";
import { createDueReports } from "./createDueReports.js";
import { failReport } from "./failReport.js";
import { type Role, parseRoles } from "./parseRoles.js";
import { postStoredReport } from "./postStoredReport.js";
import { proveReport } from "./proveReport.js";
import { reconcilePipeline } from "./reconcilePipeline.js";
import { scoreEpoch } from "./scoreEpoch.js";

export type { Role } from "./parseRoles.js";

export type StartWorkerParameters = {
  common: Common;
  roles?: readonly Role[];
  /** Redis key prefix (tests and demos isolate their queues with it). */
  queuePrefix?: string;
  /** Retry backoff of every queue; tests shorten it. */
  backoffMs?: number;
};

export type RunningWorker = {
  db: Db;
  follower?: Follower;
  queues: PipelineQueues;
  /** One reconciliation round (also run every FOLLOW_POLL_MS). */
  reconcile(): Promise<void>;
  readiness(): Promise<{ ready: boolean; detail: Record<string, unknown> }>;
};

export async function startWorker({
  common,
  roles = parseRoles(common.config.WORKER_ROLES),
  queuePrefix,
  backoffMs,
}: StartWorkerParameters): Promise<RunningWorker> {
  const { config, logger, metrics, shutdown } = common;
  const has = (role: Role) => roles.includes(role);
  const db = createDb({ url: config.DATABASE_URL, logger });
  shutdown.add("database", () => db.close());
  const { queues, enqueueScore, enqueueProve, enqueuePost } = createPipelineQueues({
    redisUrl: config.REDIS_URL,
    logger,
    metrics,
    shutdown,
    prefix: queuePrefix,
    backoffMs,
  });

  /** A report whose proof or post failed for good becomes `failed` with its code; the error goes on to the queue. */
  const endReportOnTerminal =
    (reportId: number) =>
    async (error: unknown): Promise<never> => {
      const { failed, code } = await failReport({ pool: db.pool, reportId, error });
      if (failed)
        logger.error(
          { reportId, code },
          "report failed for good; `cli report retry` tries it again",
        );
      throw error;
    };

  let follower: Follower | undefined;
  if (has("ingest")) {
    const beacon = await createBeaconClient({
      options: {
        urls: config.BEACON_URLS,
        timeoutMs: config.BEACON_TIMEOUT_MS,
        retries: config.BEACON_RETRIES,
        retryBaseMs: config.BEACON_RETRY_BASE_MS,
      },
      logger,
      metrics,
      signal: shutdown.signal,
    });
    const ingester = createIngester({
      beacon,
      db,
      logger,
      metrics,
      bulkTimeoutMs: config.BEACON_TIMEOUT_MS,
      // A configured start: the follower ingests nothing before it, so staging reads nothing before it.
      stageFromEpoch: config.INGEST_START_EPOCH >= 0 ? config.INGEST_START_EPOCH : undefined,
    });
    queues.ingest.work(ingester, config.INGEST_CONCURRENCY, async (epoch) => {
      await enqueueScore(
        await scoringEpochs({
          pool: db.pool,
          scoreEvery: config.SCORE_EVERY_EPOCHS,
          reportEvery: config.REPORT_EVERY_EPOCHS,
          epoch,
        }),
      );
    });
    // The follower and the ingest worker share one process: epochs staged near the head (for
    // non-archive nodes) are in this ingester's memory when their final ingestion runs.
    const f = createFollower({
      beacon,
      db,
      logger,
      metrics,
      enqueue: queues.ingest.enqueue,
      pollMs: config.FOLLOW_POLL_MS,
      startEpoch: config.INGEST_START_EPOCH,
      onHead: config.INGEST_NEAR_HEAD === "on" ? ingester.stageNearHead : undefined,
    });
    follower = f;
    const following = f.run(shutdown.signal);
    shutdown.add("follower", () => following);
  }

  const createReportsDue = () =>
    createDueReports({
      pool: db.pool,
      reportEvery: config.REPORT_EVERY_EPOCHS,
      batchSize: config.PROVING_BATCH_SIZE,
    });

  if (has("score")) {
    const scorer = await createScorer({
      modelPath: config.MODEL_PATH,
      metrics,
      riskThresholdBps: config.MODEL_RISK_THRESHOLD_BPS,
    });
    shutdown.add("scorer", () => scorer.release());
    queues.score.work(async ({ epoch }) => {
      const result = await scoreEpoch({
        pool: db.pool,
        scorer,
        epoch,
        riskThresholdBps: config.MODEL_RISK_THRESHOLD_BPS,
        logger,
        metrics,
      });
      await enqueueProve(await createReportsDue());
      return result;
    }, 1);
  }

  if (has("prove")) {
    const dir = circuitDir(config.MODEL_PATH, config.PROVING_BATCH_SIZE, config.PROVING_SCALE);
    const circuit = loadCircuit({
      dir,
      onnxSha256: createHash("sha256").update(readFileSync(config.MODEL_PATH)).digest("hex"),
    });
    // PROVER=native without the .venv fails here, at start-up, not on every report.
    if (config.PROVER === "native" && !nativeEzklPython()) {
      throw new NativeProverUnavailableError(
        "PROVER=native but .venv/bin/python (ezkl) is missing",
        { details: "run `bash scripts/ensure-python.sh`, or set PROVER=wasm" },
      );
    }
    const srsPath = await resolveSrsPath({
      configured: config.EZKL_SRS_PATH,
      k: circuit.manifest.logrows,
      nodeEnv: config.NODE_ENV,
    });
    logger.info(
      {
        circuit: dir,
        logrows: circuit.manifest.logrows,
        modelHash: circuit.manifest.modelHash,
        prover: config.PROVER,
      },
      "prover ready",
    );
    queues.prove.work(async ({ reportId }, job) => {
      const result = await proveReport({
        pool: db.pool,
        reportId,
        circuit,
        srsPath,
        cacheDir: config.PROVING_CACHE_DIR,
        nodeEnv: config.NODE_ENV,
        logger,
        metrics,
        prover: config.PROVER,
        onProgress: (stage, fraction) =>
          void job.updateProgress({ stage, fraction }).catch(() => undefined),
      }).catch(endReportOnTerminal(reportId));
      await enqueuePost([reportId]);
      return result;
    }, 1);
  }

  let observeStaleness: (() => Promise<void>) | undefined;
  if (has("post") && config.ORACLE_ADDRESS) {
    const account = await loadPosterAccount({
      privateKey: config.POSTER_PRIVATE_KEY,
      keystorePath: config.POSTER_KEYSTORE_PATH,
      keystorePassword: config.POSTER_KEYSTORE_PASSWORD,
    });
    const { chainId, publicClient, walletClient } = await createChainClients({
      rpcUrl: config.EVM_RPC_URL,
      account,
      pollingIntervalMs: 500,
    });
    const oracle = config.ORACLE_ADDRESS as Address;
    await checkOracleMode({ publicClient, oracle, nodeEnv: config.NODE_ENV });
    logger.info(
      {
        oracle,
        chainId,
        poster: account.address,
        attesters: config.ATTESTER_URLS.split(",").filter(Boolean).length,
      },
      "poster ready",
    );
    queues.post.work(async ({ reportId }) => {
      try {
        return await postStoredReport({
          pool: db.pool,
          reportId,
          publicClient,
          walletClient,
          account,
          oracle,
          attesterUrls: config.ATTESTER_URLS.split(",")
            .map((u) => u.trim())
            .filter(Boolean),
          attesterTimeoutMs: config.ATTESTER_TIMEOUT_MS,
          validitySeconds: config.REPORT_VALIDITY_SECONDS,
          attesterHmacKey: config.ATTESTER_HMAC_KEY,
          confirmations: config.POSTER_CONFIRMATIONS,
          maxFeePerGas: parseGwei(String(config.POSTER_MAX_FEE_GWEI)),
          receiptTimeoutMs: config.POSTER_RECEIPT_TIMEOUT_MS,
          rpcRetries: config.POSTER_RPC_RETRIES,
          logger,
          metrics,
        });
      } catch (error) {
        // e.g. a newer report reached these feeds first (EpochNotIncreasing): never accepted.
        return endReportOnTerminal(reportId)(error);
      }
    }, 1);
    observeStaleness = async () => {
      metrics.oracle.heartbeatSeconds.set(
        Number(
          await publicClient.readContract({
            address: oracle,
            abi: riskOracleAbi,
            functionName: "heartbeat",
          }),
        ),
      );
      const operatorIds = await loadPostedOperatorIds(db.pool);
      await observeFeedStaleness({
        publicClient,
        oracle,
        feeds: operatorIds.map((id) => ({
          label: `operator:${id}`,
          feedId: feedId({ kind: "operator", id }),
        })),
        metrics: metrics.oracle,
      });
    };
  } else if (has("post")) {
    logger.warn("post role without ORACLE_ADDRESS: reports are proven but not posted");
  }

  const reconcile = async () => {
    if (!has("score") && !has("prove") && !has("post")) return;
    const owed = await reconcilePipeline({
      pool: db.pool,
      scoreEvery: config.SCORE_EVERY_EPOCHS,
      reportEvery: config.REPORT_EVERY_EPOCHS,
    });
    await enqueueScore(owed.toScore);
    await enqueueProve([...(await createReportsDue()), ...owed.toProve]);
    if (config.ORACLE_ADDRESS) await enqueuePost(owed.toPost);
    for (const q of Object.values(queues)) await q.sampleDepth();
    await observeStaleness?.();
  };
  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      await reconcile().catch((error: Error) =>
        logger.warn({ err: error.message }, "reconciliation round failed; will retry"),
      );
      await sleep(config.FOLLOW_POLL_MS, shutdown.signal).catch(() => undefined);
    }
  })();
  shutdown.add("reconciler", () => loop);

  const readiness = async () => {
    const { latest, gaps } = await ingestedSpan(db.pool);
    if (!follower) return { ready: true, detail: { ingestedEpoch: latest } };
    const finalized = follower.finalizedEpoch;
    const lag = ingestionLag({ finalizedEpoch: finalized ?? null, ingestedEpoch: latest, gaps });
    return {
      ready: lag !== null && lag <= 1,
      detail: {
        finalizedEpoch: finalized ?? null,
        ingestedEpoch: latest,
        missingEpochs: gaps,
        lagEpochs: lag,
      },
    };
  };
  return { db, follower, queues, reconcile, readiness };
}
