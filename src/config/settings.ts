import { setting } from "./setting.js";

/**
 * Every environment variable the project reads. Ports default to the project's own (not the
 * services' standard ports) so a machine's existing PostgreSQL or Redis is never touched.
 */
export const settings = {
  NODE_ENV: setting({
    type: "enum",
    options: ["development", "test", "production"] as const,
    default: "development",
    description:
      "Runtime mode. `production` refuses development-only artifacts such as a locally generated SRS.",
  }),
  LOG_LEVEL: setting({
    type: "enum",
    options: ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const,
    default: "info",
    description: "pino log level.",
  }),
  LOG_PRETTY: setting({
    type: "enum",
    options: ["auto", "true", "false"] as const,
    default: "auto",
    description: "Pretty logs; `auto` means only when stdout is a terminal.",
  }),

  DATABASE_URL: setting({
    type: "url",
    default: "postgresql://postgres@127.0.0.1:55432/oracle",
    secret: true,
    description: "PostgreSQL connection string (may contain a password).",
  }),
  REDIS_URL: setting({
    type: "url",
    default: "redis://127.0.0.1:56379",
    secret: true,
    description:
      "Redis for BullMQ queues. Production Redis must use `maxmemory-policy noeviction`.",
  }),

  LODESTAR_PRESET: setting({
    type: "enum",
    options: ["mainnet", "minimal"] as const,
    default: "mainnet",
    description:
      "Consensus preset of the beacon network (`minimal` for minimal-preset devnets and the demo). @lodestar/params reads it from the environment when first imported, before the settings are loaded, so it must be set in the environment itself; the settings check it is one of the two.",
  }),
  BEACON_URLS: setting({
    type: "urlList",
    default: ["http://127.0.0.1:55052"],
    description:
      "Comma-separated Beacon API base URLs, tried in order (failover). Defaults to the local simulator.",
  }),
  BEACON_TIMEOUT_MS: setting({
    type: "integer",
    default: 60_000,
    min: 100,
    description:
      "Per-request timeout for Beacon API calls (large state responses at mainnet scale need tens of seconds).",
  }),
  BEACON_RETRIES: setting({
    type: "integer",
    default: 4,
    min: 0,
    max: 20,
    description:
      "Retries per Beacon API call on timeouts, 5xx and malformed responses, with exponential backoff.",
  }),
  BEACON_RETRY_BASE_MS: setting({
    type: "integer",
    default: 500,
    min: 1,
    description: "First backoff delay; doubles on every retry (with jitter).",
  }),

  FOLLOW_POLL_MS: setting({
    type: "integer",
    default: 12_000,
    min: 100,
    description:
      "Finality polling interval used when the SSE stream is unavailable, and as a safety net beside it.",
  }),
  INGEST_CONCURRENCY: setting({
    type: "integer",
    default: 1,
    min: 1,
    max: 16,
    description:
      "Epochs ingested at once by one worker process (each epoch is memory-heavy at mainnet scale).",
  }),
  INGEST_START_EPOCH: setting({
    type: "integer",
    default: -1,
    min: -1,
    description:
      "First epoch the follower ingests when the database is empty; -1 means the current finalized epoch.",
  }),
  INGEST_NEAR_HEAD: setting({
    type: "enum",
    options: ["on", "off"] as const,
    default: "on",
    description:
      "`on`: the follower reads each epoch near the head while a non-archive node still serves it and keeps it staged in memory until it is final (up to three epochs, hundreds of MB each at mainnet scale). `off`: epochs are read once final, which needs an archive node (docs/storage.md).",
  }),

  API_HOST: setting({
    type: "string",
    default: "127.0.0.1",
    description: "Address the REST API listens on.",
  }),
  API_PORT: setting({
    type: "integer",
    default: 3000,
    min: 0,
    max: 65535,
    description: "Port of the REST API.",
  }),
  API_RATE_LIMIT_MAX: setting({
    type: "integer",
    default: 600,
    min: 0,
    description:
      "Requests one client address may make to the REST API per API_RATE_LIMIT_WINDOW_MS (per API process); 0 turns rate limiting off. /health, /ready and /metrics are exempt.",
  }),
  API_RATE_LIMIT_WINDOW_MS: setting({
    type: "integer",
    default: 60_000,
    min: 1_000,
    description: "Window of the REST API rate limit.",
  }),
  API_CORS_ORIGINS: setting({
    type: "list",
    items: "origin",
    default: "",
    description:
      "Comma-separated origins allowed to call the REST API from a browser (`*` for any); empty turns CORS off.",
  }),
  API_CACHE_REFRESH_MS: setting({
    type: "integer",
    default: 1_000,
    min: 0,
    max: 60_000,
    description:
      "Hot lookups (`/v1/operators/:id`) serve cached answers until the data behind them changes; this is how often that is checked, i.e. the longest a change can take to show. 0 turns the cache off.",
  }),
  API_TRUST_PROXY: setting({
    type: "list",
    items: "proxy",
    default: "",
    description:
      "Which reverse proxies may set the client address (X-Forwarded-For), so rate limits apply per client rather than per proxy: a hop count (`1`: the one proxy in front of the API) or the proxies' addresses and CIDR ranges (`10.0.0.0/8,127.0.0.1`). Empty trusts no proxy. `true` is refused: trusting every hop lets any client choose its own rate-limit identity.",
  }),
  WEB_DIST_DIR: setting({
    type: "string",
    default: "dist/web",
    description:
      "Built web pages (`npm run web:build`, run by `npm test` and the demo) that the API serves at `/`, `/reports/:id` and `/operators/:id`.",
  }),
  WEB_RPC_URL: setting({
    type: "string",
    default: "",
    description:
      "Public JSON-RPC URL the report page reads RiskOracle through to compare the on-chain report with its artifacts (sent to every browser: never a URL with an API key). Empty: the user types one in.",
  }),
  METRICS_PORT: setting({
    type: "integer",
    default: 9464,
    min: 0,
    max: 65535,
    description: "Port of the worker's /metrics, /health and /ready server.",
  }),
  HEALTH_PORT: setting({
    type: "integer",
    default: 0,
    min: 0,
    max: 65535,
    description:
      "Port the container's HEALTHCHECK probes for `/health` (the Dockerfile's, with Node's fetch): the API and attesters answer it on their own port (docker-compose.yml sets it); 0 means METRICS_PORT (the worker).",
  }),

  MODEL_PATH: setting({
    type: "string",
    default: "models/operator-risk.onnx",
    description:
      "ONNX risk model scored by the worker. Refused unless it uses only Gemm/MatMul/Add/Relu/Sigmoid and its feature version and names match src/features; a `.card.json` beside it must describe the same file.",
  }),
  SCORE_EVERY_EPOCHS: setting({
    type: "integer",
    default: 25,
    min: 1,
    description:
      "Operators are scored at every epoch that is a multiple of this (25 ≈ 2.7 hours), and at any epoch with a new slashing.",
  }),
  REPORT_EVERY_EPOCHS: setting({
    type: "integer",
    default: 225,
    min: 1,
    description:
      "Scores of epochs that are a multiple of this (225 = daily) are proven, attested and posted on-chain. `npm run cli -- report --epoch E` requests them for any scored epoch.",
  }),
  WORKER_ROLES: setting({
    type: "list",
    items: "option",
    options: ["ingest", "score", "prove", "post"] as const,
    default: "ingest,score,prove,post",
    description:
      "Comma-separated pipeline stages this worker process runs: ingest (follower + epoch ingestion), score, prove, post. Split them across processes to isolate proving.",
  }),
  MODEL_RISK_THRESHOLD_BPS: setting({
    type: "integer",
    default: 10,
    min: 0,
    max: 100,
    description:
      "Score (expected 30-day loss, basis points of stake, 0..100) at or above which an operator counts as high risk: the metrics gauge and a pool's tail share. 10 bp is about a week offline in a month; a fully offline operator scores about 35.",
  }),

  EZKL_SRS_PATH: setting({
    type: "string",
    default: "",
    description:
      "Path of the ceremony KZG SRS (`kzg{k}.srs`, RawBytes) whose k equals the circuit's logrows. Empty means none: only tests and development may then generate an insecure local SRS.",
  }),
  PROVING_CACHE_DIR: setting({
    type: "string",
    default: ".cache/proving",
    description:
      "Directory of cached verifying/proving keys, keyed by hashes of the compiled circuit and the SRS.",
  }),
  PROVER: setting({
    type: "enum",
    options: ["native", "wasm"] as const,
    default: "native",
    description:
      "Which build of ezkl v21.0.0 proves: `native`, the PyPI wheel in the project's `.venv` (every core, no 4 GiB ceiling, one proof per report of hundreds of operators; made by `scripts/ensure-python.sh`), or `wasm`, @ezkljs/engine (one core, at most 70 operators a proof). No silent fallback: with `native` and no `.venv`, proving fails with PROVING_NATIVE_UNAVAILABLE. Proofs are verified by the build that made them.",
  }),
  PROVING_BATCH_SIZE: setting({
    type: "integer",
    default: 14,
    min: 14,
    max: 322,
    multipleOf: 14,
    description:
      "Operators per proof and per on-chain report (the circuit's batch size B). A multiple of 14, because RiskOracle stores 14 scores per storage word and a report covers whole words; larger batches amortise fixed costs but need more rows (logrows) and memory. With PROVER=wasm at most 70 (logrows 16, the 4 GiB engine); with PROVER=native up to 322 (23 storage words, the most logrows 18 holds: a report of 256+ operators in one proof; larger circuits wait for `npm run bench:prove-capacity` to measure them). See docs/proving.md.",
  }),
  PROVING_SCALE: setting({
    type: "integer",
    default: 10,
    min: 4,
    max: 16,
    description:
      "Fixed-point scale s of the circuit (values · 2^s): scores are proven to ±4 · 2^-s of onnxruntime's.",
  }),

  EVM_RPC_URL: setting({
    type: "url",
    default: "http://127.0.0.1:58545",
    secret: true,
    description:
      "JSON-RPC endpoint of the chain RiskOracle lives on (may embed an API key). Defaults to the local Hardhat node.",
  }),
  ORACLE_ADDRESS: setting({
    type: "address",
    default: "",
    description: "Address of the deployed RiskOracle contract; empty disables posting.",
  }),
  REPORT_VALIDITY_SECONDS: setting({
    type: "integer",
    default: 86_400,
    min: 60,
    description:
      "A report may be posted until this many seconds after the start of its epoch (its EIP-712 `validUntil`): the poster proposes that time, an attester signs only a `validUntil` within its own window, and RiskOracle refuses the report after it.",
  }),
  ORACLE_HEARTBEAT_SECONDS: setting({
    type: "integer",
    default: 93_600,
    min: 60,
    description:
      "RiskOracle's `heartbeat` at deployment (`cli deploy` without `--heartbeat`, and docker-compose.yml's deploy service): the staleness bound promised to readers; 26 hours = daily reports plus two hours of margin, the bound grafana/alerts.yml assumes without a reading.",
  }),
  ORACLE_ADMIN_DELAY_SECONDS: setting({
    type: "integer",
    default: 172_800,
    min: 0,
    description:
      "RiskOracle's `adminDelay` at deployment (`cli deploy`): changes of attesters, threshold or models wait this long between being scheduled and executed. 0 only for development.",
  }),
  POSTER_PRIVATE_KEY: setting({
    type: "string",
    default: "",
    secret: true,
    description:
      "Poster's private key (0x + 64 hex). Takes precedence over POSTER_KEYSTORE_PATH. Prefer a keystore in production.",
  }),
  POSTER_KEYSTORE_PATH: setting({
    type: "string",
    default: "",
    description:
      "Path to the poster's encrypted Web3 Secret Storage v3 keystore (scrypt or pbkdf2, aes-128-ctr).",
  }),
  POSTER_KEYSTORE_PASSWORD: setting({
    type: "string",
    default: "",
    secret: true,
    description: "Password of POSTER_KEYSTORE_PATH.",
  }),
  POSTER_CONFIRMATIONS: setting({
    type: "integer",
    default: 1,
    min: 1,
    max: 64,
    description:
      "Blocks a report transaction must have (including its own) before it counts as confirmed. 1 suits the local automining node (which makes no block without a transaction); use more (e.g. 3) on public chains.",
  }),
  POSTER_MAX_FEE_GWEI: setting({
    type: "number",
    default: 100,
    min: 0,
    description:
      "Fee cap per gas in gwei; the poster waits (retryable error) rather than pay more.",
  }),
  POSTER_RECEIPT_TIMEOUT_MS: setting({
    type: "integer",
    default: 300_000,
    min: 1_000,
    description:
      "How long the poster waits for a receipt before giving up for now (the report stays resumable).",
  }),
  POSTER_RPC_RETRIES: setting({
    type: "integer",
    default: 5,
    min: 0,
    max: 50,
    description:
      "Retries of each JSON-RPC call of the poster on transient failures, with exponential backoff.",
  }),

  ATTESTER_URLS: setting({
    type: "list",
    items: "url",
    default: "",
    description:
      "Comma-separated base URLs of the attesters the poster asks for signatures (each serves POST /v1/attest).",
  }),
  ATTESTER_PRIVATE_KEY: setting({
    type: "string",
    default: "",
    secret: true,
    description:
      "This attester's private key (0x + 64 hex). Takes precedence over ATTESTER_KEYSTORE_PATH. Prefer a keystore in production.",
  }),
  ATTESTER_KEYSTORE_PATH: setting({
    type: "string",
    default: "",
    description: "Path to this attester's encrypted Web3 Secret Storage v3 keystore.",
  }),
  ATTESTER_KEYSTORE_PASSWORD: setting({
    type: "string",
    default: "",
    secret: true,
    description: "Password of ATTESTER_KEYSTORE_PATH.",
  }),
  ATTESTER_PORT: setting({
    type: "integer",
    default: 58600,
    min: 0,
    max: 65535,
    description: "Port of the attester's HTTP server (POST /v1/attest, /health, /metrics).",
  }),
  ATTESTER_TIMEOUT_MS: setting({
    type: "integer",
    default: 600_000,
    min: 1_000,
    description:
      "How long the poster waits for attesters' signatures (they verify the proof and recompute every input first).",
  }),
  ATTESTER_HMAC_KEY: setting({
    type: "string",
    default: "",
    secret: true,
    description:
      "Shared key of the poster(s) and an attester: the poster signs each `POST /v1/attest` body with HMAC-SHA256 (`x-oracle-hmac` header) and the attester answers 401 to anything else. Required in production; empty elsewhere leaves the attester open, with a warning.",
  }),
  ATTESTER_BODY_LIMIT_BYTES: setting({
    type: "integer",
    default: 2 * 2 ** 20,
    min: 64 * 1024,
    max: 64 * 2 ** 20,
    description:
      "Largest attestation request an attester reads (a report's artifacts are well under 1 MiB); larger bodies get 413 before any work.",
  }),
  ATTESTER_MAX_LAG_EPOCHS: setting({
    type: "integer",
    default: 225,
    min: 1,
    description:
      "An attester signs only reports on the report schedule (epoch a multiple of REPORT_EVERY_EPOCHS) no older than this many epochs behind the finalized head its own ingestion has seen, so an old report cannot be passed off as fresh.",
  }),
} as const;

export type Settings = typeof settings;
