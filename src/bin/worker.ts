/**
 * A pipeline worker: runs the stages named in WORKER_ROLES (ingest, score, prove, post; default
 * all) and serves /metrics, /health and /ready (503 until ingestion has caught up) on
 * METRICS_PORT. Stops gracefully on SIGINT/SIGTERM: in-flight jobs finish (or go back to their
 * queue) before the process exits.
 */
import { createCommon } from "./createCommon.js";
import { serveMetrics } from "./serveMetrics.js";
import { parseRoles, startWorker } from "../pipeline/index.js";

const common = createCommon("worker");
const roles = parseRoles(common.config.WORKER_ROLES);
const worker = await startWorker({ common, roles });
serveMetrics({
  common,
  host: common.config.API_HOST,
  port: common.config.METRICS_PORT,
  readiness: worker.readiness,
});
common.logger.info({ roles, metricsPort: common.config.METRICS_PORT }, "worker started");
