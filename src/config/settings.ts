import { setting } from "./setting.js";

/**
 * Every environment variable the project reads. Ports default to the project's own (not the
 * services' standard ports) so a machine's existing PostgreSQL or Redis is never touched.
 */
export const settings = {
  NODE_ENV: setting({ type: "enum", options: ["development", "test", "production"] as const, default: "development", description: "Runtime mode. `production` refuses development-only artifacts such as a locally generated SRS." }),
  LOG_LEVEL: setting({ type: "enum", options: ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const, default: "info", description: "pino log level." }),
  LOG_PRETTY: setting({ type: "enum", options: ["auto", "true", "false"] as const, default: "auto", description: "Pretty logs; `auto` means only when stdout is a terminal." }),

  DATABASE_URL: setting({ type: "url", default: "postgresql://postgres@127.0.0.1:55432/oracle", secret: true, description: "PostgreSQL connection string (may contain a password)." }),
  REDIS_URL: setting({ type: "url", default: "redis://127.0.0.1:56379", secret: true, description: "Redis for BullMQ queues. Production Redis must use `maxmemory-policy noeviction`." }),

  BEACON_URLS: setting({ type: "urlList", default: ["http://127.0.0.1:55052"], description: "Comma-separated Beacon API base URLs, tried in order (failover). Defaults to the local simulator." }),
  BEACON_TIMEOUT_MS: setting({ type: "integer", default: 60_000, min: 100, description: "Per-request timeout for Beacon API calls (large state responses at mainnet scale need tens of seconds)." }),
  BEACON_RETRIES: setting({ type: "integer", default: 4, min: 0, max: 20, description: "Retries per Beacon API call on timeouts, 5xx and malformed responses, with exponential backoff." }),
  BEACON_RETRY_BASE_MS: setting({ type: "integer", default: 500, min: 1, description: "First backoff delay; doubles on every retry (with jitter)." }),

  FOLLOW_POLL_MS: setting({ type: "integer", default: 12_000, min: 100, description: "Finality polling interval used when the SSE stream is unavailable, and as a safety net beside it." }),
  INGEST_CONCURRENCY: setting({ type: "integer", default: 1, min: 1, max: 16, description: "Epochs ingested at once by one worker process (each epoch is memory-heavy at mainnet scale)." }),
  INGEST_START_EPOCH: setting({ type: "integer", default: -1, min: -1, description: "First epoch the follower ingests when the database is empty; -1 means the current finalized epoch." }),

  API_HOST: setting({ type: "string", default: "127.0.0.1", description: "Address the REST API listens on." }),
  API_PORT: setting({ type: "integer", default: 3000, min: 0, max: 65535, description: "Port of the REST API." }),
  METRICS_PORT: setting({ type: "integer", default: 9464, min: 0, max: 65535, description: "Port of the worker's /metrics, /health and /ready server." }),
} as const;

export type Settings = typeof settings;
