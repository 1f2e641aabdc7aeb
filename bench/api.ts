/**
 * `npm run bench:api`: load on the real API server (`src/bin/api.ts`, its own process) for
 * `GET /v1/operators/:id` over 10,000 operators with rotating ids, against a database holding 30
 * days of score history (the pipeline scores every 25 epochs: 270 runs, 2.7M operator_score rows,
 * plus the daily reports). The reference, measured in the same run: a bare Fastify route (own
 * process) answering a constant JSON body of the same bytes. The last line is JSON.
 *
 * The database `oracle_bench_api` is built once (COPY) and reused by later runs while its seed
 * marker matches; BENCH_REBUILD=1 rebuilds it.
 * Each server gets DURATION seconds in ROUNDS interleaved rounds; p99 is the worst round's.
 *   OPERATORS=10000 DAYS=30 CONNECTIONS=50 DURATION=10 ROUNDS=2
 */
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import autocannon from "autocannon";
import pg from "pg";
import { copyRows } from "../src/db/index.js";
import { FEATURE_COUNT, FEATURE_VERSION } from "../src/features/index.js";
import { riskGrade } from "../src/scoring/riskGrade.js";
import { adminDatabaseUrl, databaseUrlFor } from "../test/support/database.js";

const DATABASE = "oracle_bench_api";
const operators = Number(process.env.OPERATORS ?? 10_000);
const days = Number(process.env.DAYS ?? 30);
const connections = Number(process.env.CONNECTIONS ?? 50);
const duration = Number(process.env.DURATION ?? 10);
const rounds = Number(process.env.ROUNDS ?? 2);
const SCORE_EVERY = 25;
const REPORT_EVERY = 225;
const BATCH = 14;
const runs = Math.round((days * 225) / SCORE_EVERY);
const lastEpoch = 400_050; // a multiple of 225: the newest run also has reports
const seedMarker = { version: 2, operators, runs, lastEpoch };

const log = (message: string) => console.log(`[bench] ${message}`);
const url = databaseUrlFor(DATABASE);
const operatorId = (i: number) => `op-${String(i).padStart(5, "0")}`;

await prepareDatabase();

const apiPort = await freePort();
const barePort = await freePort();
const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const c of children) c.kill();
});

const api = start(["src/bin/api.ts"], {
  DATABASE_URL: url,
  API_HOST: "127.0.0.1",
  API_PORT: String(apiPort),
  LOG_LEVEL: "silent",
  // The limiter stays in the measured path, with a limit this load never reaches.
  API_RATE_LIMIT_MAX: process.env.API_RATE_LIMIT_MAX ?? "1000000000",
});
await waitFor(`http://127.0.0.1:${apiPort}/health`);
const sample = await fetch(`http://127.0.0.1:${apiPort}/v1/operators/${operatorId(42)}`);
const sampleBody = await sample.text();
if (sample.status !== 200) throw new Error(`API answered ${sample.status}: ${sampleBody}`);
log(`API on :${apiPort}; an answer is ${Buffer.byteLength(sampleBody)} bytes`);
start(["bench/apiBareServer.ts"], { BARE_PORT: String(barePort), BARE_BODY: sampleBody });
await waitFor(`http://127.0.0.1:${barePort}/v1/operators/x`);

// Ids in a shuffled order, so consecutive requests hit unrelated rows and index pages.
const ids = Array.from({ length: operators }, (_, i) => operatorId(i));
for (let i = ids.length - 1; i > 0; i--) {
  const j = (i * 7919 + 13) % (i + 1);
  [ids[i], ids[j]] = [ids[j], ids[i]];
}
const load = async (port: number, seconds: number) => {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: `/v1/operators/${ids[n++ % ids.length]}` }),
      },
    ],
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `port ${port}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  }
  return result;
};

log("warm-up (3 s each)");
await load(barePort, 3);
await load(apiPort, 3);
// Interleaved rounds, so both servers see the same load from the machine's other jobs.
const totals = { bare: { requests: 0, p99: 0 }, api: { requests: 0, p99: 0 } };
const roundSeconds = duration / rounds;
for (let r = 1; r <= rounds; r++) {
  for (const [name, port] of [
    ["bare", barePort],
    ["api", apiPort],
  ] as const) {
    const result = await load(port, roundSeconds);
    totals[name].requests += result.requests.total;
    totals[name].p99 = Math.max(totals[name].p99, result.latency.p99);
    log(
      `round ${r}/${rounds} ${name === "api" ? "API GET /v1/operators/:id" : "bare Fastify route"}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
  }
}
const rps = totals.api.requests / duration;
const bareRps = totals.bare.requests / duration;
for (const c of children) c.kill();

console.log(
  JSON.stringify({
    rps: Math.round(rps),
    p99_ms: totals.api.p99,
    bare_rps: Math.round(bareRps),
    ratio: Number((rps / bareRps).toFixed(3)),
  }),
);
process.exit(0);

/** Creates, migrates and seeds the bench database unless a previous run left it complete. */
async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  const exists =
    (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rowCount === 1;
  if (exists && process.env.BENCH_REBUILD !== "1") {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const marker = await db
      .query("SELECT value FROM sync_state WHERE key = 'bench_api_seed'")
      .catch(() => ({ rows: [] }));
    await db.end();
    if (JSON.stringify(marker.rows[0]?.value) === JSON.stringify(seedMarker)) {
      await admin.end();
      migrate();
      log(`reusing database ${DATABASE} (BENCH_REBUILD=1 rebuilds it)`);
      return;
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  migrate();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const client = await pool.connect();
  try {
    await seed(client);
    await client.query(
      "INSERT INTO sync_state (key, value, updated_at) VALUES ('bench_api_seed', $1, now())",
      [JSON.stringify(seedMarker)],
    );
  } finally {
    client.release();
    await pool.end();
  }
}

function migrate(): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function seed(client: pg.PoolClient): Promise<void> {
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  const epochs = Array.from({ length: runs }, (_, k) => lastEpoch - (runs - 1 - k) * SCORE_EVERY);
  const pools = 20;
  const poolOf = (i: number) => (i % 25 < pools ? `pool-${String(i % 25).padStart(2, "0")}` : null);

  await copyRows(
    client,
    "pool",
    ["id", "name", "kind"],
    Array.from({ length: pools }, (_, p) => [
      `pool-${String(p).padStart(2, "0")}`,
      `Pool ${p}`,
      p % 4 === 0 ? "lrt" : "lst",
    ]),
  );
  await copyRows(
    client,
    "operator",
    ["id", "name", "pool_id", "source"],
    Array.from({ length: operators }, (_, i) => [
      operatorId(i),
      `Operator ${i}`,
      poolOf(i),
      "bench",
    ]),
  );
  await copyRows(
    client,
    "feed",
    ["feed_index", "feed_id", "kind", "ref_id"],
    Array.from({ length: operators }, (_, i) => [
      i,
      `0x${i.toString(16).padStart(64, "0")}`,
      "operator",
      operatorId(i),
    ]),
  );

  // A few thousand distinct feature vectors, reused: values matter to the size of a row, not to the query.
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const vectors = Array.from({ length: 4096 }, () =>
    Array.from({ length: FEATURE_COUNT }, () => Number((random() * 8 - 4).toFixed(4))),
  );
  const vectorText = vectors.map((v) => `{${v.join(",")}}`);
  const scoreOf = (i: number, k: number) =>
    Math.floor(((i * 7_919 + k * 104_729) % 100_003) / 10) % 10_000;
  const validatorsOf = (i: number) => 1 + ((i * 31) % 400);

  const total = operators * runs;
  let written = 0;
  function* scoreRows() {
    for (const [k, epoch] of epochs.entries()) {
      for (let i = 0; i < operators; i++) {
        const bps = scoreOf(i, k);
        const v = validatorsOf(i);
        yield [
          operatorId(i),
          epoch,
          bps,
          bps / 10_000,
          riskGrade(bps),
          "bench-model",
          FEATURE_VERSION,
          vectorText[(i + k) % 4096],
          v,
          v * 32e9,
        ];
      }
      written += operators;
      if ((k + 1) % 27 === 0)
        log(
          `operator_score ${written.toLocaleString()}/${total.toLocaleString()} rows (${elapsed()})`,
        );
    }
  }
  await copyRows(
    client,
    "operator_score",
    [
      "operator_id",
      "epoch",
      "score_bps",
      "probability",
      "grade",
      "model_sha256",
      "feature_version",
      "features",
      "validators",
      "stake_gwei",
    ],
    scoreRows(),
  );
  await copyRows(
    client,
    "score_run",
    ["epoch", "model_sha256", "feature_version", "operators", "pools", "duration_ms"],
    epochs.map((e) => [e, "bench-model", FEATURE_VERSION, operators, pools, 900]),
  );
  await copyRows(
    client,
    "pool_score",
    [
      "pool_id",
      "epoch",
      "score_bps",
      "grade",
      "tail_stake_bps",
      "worst_operator_id",
      "operators",
      "stake_gwei",
      "model_sha256",
      "feature_version",
    ],
    epochs.flatMap((e, k) =>
      Array.from({ length: pools }, (_, p) => [
        `pool-${String(p).padStart(2, "0")}`,
        e,
        300 + p + k,
        riskGrade(300 + p + k),
        500,
        operatorId(p),
        operators / 25,
        1e15,
        "bench-model",
        FEATURE_VERSION,
      ]),
    ),
  );

  // Daily reports of BATCH operators each, as the pipeline makes them.
  const reportEpochs = epochs.filter((e) => e % REPORT_EVERY === 0);
  function* reportRows() {
    for (const [r, epoch] of reportEpochs.entries()) {
      const k = epochs.indexOf(epoch);
      for (let first = 0; first < operators; first += BATCH) {
        const members = Array.from(
          { length: Math.min(BATCH, operators - first) },
          (_, j) => first + j,
        );
        yield [
          epoch,
          first,
          `{${members.map(operatorId).join(",")}}`,
          r === reportEpochs.length - 1 ? "proven" : "posted",
          "bench-model",
          FEATURE_VERSION,
          JSON.stringify(members.map((i) => vectors[(i + k) % 4096])),
          `0x${"ab".repeat(32)}`,
          `{${members.map((i) => scoreOf(i, k)).join(",")}}`,
        ];
      }
    }
  }
  await copyRows(
    client,
    "report",
    [
      "epoch",
      "first_feed_index",
      "operator_ids",
      "status",
      "model_sha256",
      "feature_version",
      "features",
      "model_hash",
      "scores_bps",
    ],
    reportRows(),
  );
  log(`reports: ${reportEpochs.length} epochs × ${Math.ceil(operators / BATCH)} (${elapsed()})`);
  await client.query("VACUUM ANALYZE");
  const size = await client.query<{ size: string }>(
    "SELECT pg_size_pretty(pg_database_size(current_database())) AS size",
  );
  log(
    `database ${DATABASE} seeded: ${operators} operators × ${runs} scoring runs, ${size.rows[0].size} (${elapsed()})`,
  );
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  child.on("exit", (code) => {
    if (code !== null && code !== 0) {
      console.error(`[bench] ${args[0]} exited with ${code}`);
      process.exit(1);
    }
  });
  return child;
}

async function waitFor(target: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target} did not answer`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
