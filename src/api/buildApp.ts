import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { Logger } from "../common/logger.js";
import type { Config } from "../config/index.js";
import type { Db } from "../db/index.js";
import type { Metrics } from "../metrics/index.js";
import { apiPlugin } from "./apiPlugin.js";
import { ApiError } from "./apiError.js";
import { PROBLEM_CONTENT_TYPE } from "./problems.js";
import { refusePaddedParameters } from "./refusePaddedParameters.js";
import { toProblem } from "./toProblem.js";
import { trustProxyOption } from "./trustProxyOption.js";

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
export async function buildApp({
  db,
  config,
  logger,
  metrics,
}: BuildAppParameters): Promise<BuildAppReturnType> {
  const app = Fastify({
    loggerInstance: logger.child({ module: "api" }),
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(config.API_TRUST_PROXY),
    // Longer than any valid id (256 characters, percent-encoded): the route's schema then names the parameter.
    routerOptions: { maxParamLength: 1024 },
    // The router's own refusals (a path segment too long, broken percent-encoding) are problems too, not 414s with Fastify's body.
    frameworkErrors: (error, request, reply) => {
      const refusal =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? new ApiError("invalid-parameter", "A path parameter is longer than any valid value", {
              in: "path",
            })
          : new ApiError("bad-request", "The request URL is malformed");
      void reply
        .code(refusal.status as never)
        .type(PROBLEM_CONTENT_TYPE)
        .send(toProblem(refusal, request.url) as never);
    },
  });
  refusePaddedParameters(app as unknown as FastifyInstance);
  await app.register(apiPlugin, { pool: db.pool, config, metrics });
  await app.ready();
  // Typed with the base logger: callers need not know which pino build the process uses.
  return app as unknown as FastifyInstance;
}
