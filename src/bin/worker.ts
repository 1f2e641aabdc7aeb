/**
 * The ingestion worker: follows the beacon node's finalized checkpoint, enqueues epochs and
 * ingests them, exporting /metrics, /health and /ready. Stops gracefully on SIGINT/SIGTERM:
 * in-flight epochs finish (or go back to the queue) before the process exits.
 */
import { createBeaconClient } from "../beacon/index.js";
import { createDb, latestIngestedEpoch } from "../db/index.js";
import { createFollower, createIngester, lastIngestableEpoch } from "../ingest/index.js";
import { createIngestQueue, redisConnection } from "../queue/index.js";
import { createCommon } from "./createCommon.js";
import { serveMetrics } from "./serveMetrics.js";

const common = createCommon("worker");
const { config, logger, metrics, shutdown } = common;

const db = createDb({ url: config.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
const beacon = await createBeaconClient({
  options: { urls: config.BEACON_URLS, timeoutMs: config.BEACON_TIMEOUT_MS, retries: config.BEACON_RETRIES, retryBaseMs: config.BEACON_RETRY_BASE_MS },
  logger,
  metrics,
  signal: shutdown.signal,
});
const ingester = createIngester({ beacon, db, logger, metrics, bulkTimeoutMs: config.BEACON_TIMEOUT_MS });
const queue = createIngestQueue({ connection: redisConnection(config.REDIS_URL), logger, metrics });
queue.work(ingester, config.INGEST_CONCURRENCY);
shutdown.add("ingest queue", () => queue.close());

const follower = createFollower({
  beacon,
  db,
  logger,
  metrics,
  enqueue: queue.enqueue,
  pollMs: config.FOLLOW_POLL_MS,
  startEpoch: config.INGEST_START_EPOCH,
});
const following = follower.run(shutdown.signal);
shutdown.add("follower", () => following);

serveMetrics({
  common,
  host: config.API_HOST,
  port: config.METRICS_PORT,
  async readiness() {
    const finalized = follower.finalizedEpoch;
    const latest = await latestIngestedEpoch(db.pool);
    const target = finalized === undefined ? undefined : lastIngestableEpoch(finalized);
    const lag = target === undefined ? null : latest === null ? target + 1 : Math.max(0, target - latest);
    return { ready: lag !== null && lag <= 1, detail: { finalizedEpoch: finalized ?? null, ingestedEpoch: latest, lagEpochs: lag } };
  },
});
logger.info({ beacon: config.BEACON_URLS.length, metricsPort: config.METRICS_PORT }, "worker started");
