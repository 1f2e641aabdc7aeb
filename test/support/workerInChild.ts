/**
 * A pipeline worker in its own process, for crash tests: the worker entry point's start-up
 * (src/bin/worker.ts: configuration from the environment, startWorker with WORKER_ROLES) without
 * its metrics server, so several can run side by side, and with the queue prefix of the test
 * (WORKER_QUEUE_PREFIX) so its jobs never meet another run's.
 */
import { createCommon, loadConfig } from "../../src/config/index.js";
import { parseRoles, startWorker } from "../../src/pipeline/index.js";

const common = createCommon({ processName: "worker", config: loadConfig() });
const roles = parseRoles(common.config.WORKER_ROLES);
await startWorker({ common, roles, queuePrefix: process.env.WORKER_QUEUE_PREFIX, backoffMs: 200 });
common.logger.info({ roles, pid: process.pid }, "worker started");
