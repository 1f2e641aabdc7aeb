/**
 * The REST API process: reads PostgreSQL only (never the beacon node or the chain), serves
 * /v1/*, /docs, /health, /ready and /metrics on API_HOST:API_PORT. Stops gracefully on
 * SIGINT/SIGTERM: in-flight requests finish, then the database pool closes.
 */
import { buildApp } from "../api/index.js";
import { createDb } from "../db/index.js";
import { createCommon } from "./createCommon.js";

const { config, logger, metrics, shutdown } = createCommon("api");

const db = createDb({ url: config.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
const app = await buildApp({ db, config, logger, metrics });
shutdown.add("api server", () => app.close());
const address = await app.listen({ host: config.API_HOST, port: config.API_PORT });
logger.info(
  { address, rateLimit: config.API_RATE_LIMIT_MAX, cors: config.API_CORS_ORIGINS || "off" },
  "api listening",
);
