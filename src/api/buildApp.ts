import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { Logger } from "../common/logger.js";
import type { Config } from "../config/index.js";
import type { Db } from "../db/index.js";
import type { Metrics } from "../metrics/index.js";
import { apiPlugin } from "./apiPlugin.js";

export type BuildAppParameters = {
  /** The API reads PostgreSQL only, through the pool. */
  db: Pick<Db, "pool">;
  config: Config;
  logger: Logger;
  metrics: Metrics;
};

export type BuildAppReturnType = FastifyInstance;

/**
 * The REST API server, ready to `listen` or to `inject` requests in tests. Per-request access
 * logs go out at debug level (5xx errors at error level): at info, a busy API would drown
 * the pipeline's own logs.
 */
export async function buildApp({ db, config, logger, metrics }: BuildAppParameters): Promise<BuildAppReturnType> {
  const app = Fastify({
    loggerInstance: logger.child({ module: "api" }),
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.API_TRUST_PROXY,
  });
  await app.register(apiPlugin, { pool: db.pool, config, metrics });
  await app.ready();
  // Typed with the base logger: callers need not know which pino build the process uses.
  return app as unknown as FastifyInstance;
}
