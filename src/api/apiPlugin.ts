import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { errorCode } from "../common/errorCode.js";
import type { ApiContext } from "./apiContext.js";
import { addConditionalGet } from "./addConditionalGet.js";
import { addSecurityHeaders } from "./addSecurityHeaders.js";
import { ApiError } from "./apiError.js";
import { PROBLEM_CONTENT_TYPE } from "./problems.js";
import { ROUTES } from "./routes/index.js";
import { servePages } from "./servePages.js";
import { toProblem } from "./toProblem.js";

/**
 * The whole REST API as one Fastify plugin: OpenAPI, CORS, rate limiting, problem-details
 * errors, conditional GETs, security headers, latency metrics, the routes and the web pages. buildApp mounts it on a server;
 * another server could mount it too.
 */
export async function apiPlugin(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { config, metrics } = context;

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Beacon-chain risk oracle API",
        version: "1.0.0",
        description:
          "Risk scores of Ethereum node operators and pools, their history, and the zero-knowledge proofs behind them. Read-only.",
      },
    },
  });

  const origins = config.API_CORS_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    await app.register(cors, {
      origin: origins.includes("*") ? "*" : origins,
      methods: ["GET", "HEAD"],
      exposedHeaders: [
        "ETag",
        "Retry-After",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
      ],
    });
  }

  if (config.API_RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      max: config.API_RATE_LIMIT_MAX,
      timeWindow: config.API_RATE_LIMIT_WINDOW_MS,
      onExceeded: () => metrics.api.rateLimited.inc(),
      errorResponseBuilder: (_request, { max, after }) =>
        new ApiError(
          "rate-limited",
          `More than ${max} requests in ${config.API_RATE_LIMIT_WINDOW_MS / 1000} s from this address; retry in ${after}`,
        ),
    });
  }

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.url);
    // The project's code beside the error, so a 500 can be found by what failed (API_ARTIFACTS_MISSING, INTERNAL).
    if (problem.status >= 500)
      request.log.error({ err: error, code: errorCode(error), url: request.url }, "request failed");
    reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = toProblem(
      new ApiError(
        "not-found",
        `No route ${request.method} ${request.url.split("?")[0]}; see /docs`,
      ),
      request.url,
    );
    reply.code(404).type(PROBLEM_CONTENT_TYPE).send(problem);
  });

  addConditionalGet(app);
  addSecurityHeaders(app, {
    connectOrigins: config.WEB_RPC_URL ? [new URL(config.WEB_RPC_URL).origin] : [],
  });
  // Labelled by route template, never the raw URL, so ids cannot blow up the series count.
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.api.requestSeconds.observe(
      { route, method: request.method, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    request.log.debug({ route, status: reply.statusCode, ms: reply.elapsedTime }, "request");
    done();
  });

  for (const route of ROUTES) route(app, context);
  servePages(app, context);
}
