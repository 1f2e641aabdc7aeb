/**
 * bench:ingest — one whole epoch of a 1,000,000-validator chain (mainnet preset) ingested end
 * to end into PostgreSQL, against the floor: fetching and JSON-parsing the same responses with
 * no processing or writing. The simulator runs as its own process so its memory and CPU are
 * not counted as the ingester's. Last line: one JSON object.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createBeaconClient } from "../src/beacon/index.js";
import { createLogger } from "../src/common/index.js";
import { createDb } from "../src/db/index.js";
import { createIngester, firstSlot } from "../src/ingest/index.js";

const PORT = 55099;
const url = `http://127.0.0.1:${PORT}`;
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:55432/postgres";
const logger = createLogger({ level: "warn", pretty: false });
const log = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);

// The project's PostgreSQL (installed and started when missing), unless BENCH_DATABASE_URL names one.
if (!process.env.BENCH_DATABASE_URL)
  execFileSync("bash", ["scripts/services.sh", "up"], {
    env: { ...process.env, WITH_EVM: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });

// node itself rather than npx: one process, so killing it leaves no simulator behind. The
// simulator serves as an archive node: the bench ingests an epoch already finalized.
const sim = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "src/bin/simulator.ts",
    "--scenario",
    "mainnet-1m",
    "--port",
    String(PORT),
    "--clock",
    "manual",
    "--storage",
    "archive",
  ],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, LOG_LEVEL: "warn" },
  },
);
const stopSimulator = () => {
  if (sim.exitCode === null && sim.signalCode === null) sim.kill("SIGTERM");
};
process.once("exit", stopSimulator);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

let database: { url: string; drop(): Promise<void> } | undefined;
try {
  database = await createBenchDatabase();
  await waitFor(`${url}/eth/v1/node/health`, 180_000);
  await post("/_sim/advance", { epoch: 8 });
  const status = (await (await fetch(`${url}/_sim/status`)).json()) as { finalizedEpoch: number };
  const epoch = status.finalizedEpoch - 3;
  log(
    `simulator ready; finalized ${status.finalizedEpoch}; ingesting epoch ${epoch} then ${epoch + 1}`,
  );

  const db = createDb({ url: database.url, logger });
  const beacon = await createBeaconClient({
    options: { urls: [url], timeoutMs: 300_000, retries: 0, retryBaseMs: 100 },
    logger,
  });
  const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: 300_000 });

  // Warm the simulator's caches for both epochs so neither side pays for generating them.
  await floor(epoch, beacon.slotsPerEpoch);
  await floor(epoch + 1, beacon.slotsPerEpoch);

  let t = performance.now();
  const first = await ingester.ingestEpoch(epoch, status.finalizedEpoch);
  const ingestFirst = (performance.now() - t) / 1000;
  log(
    `first epoch (writes the 1M-row registry too): ${ingestFirst.toFixed(2)} s ${JSON.stringify(first)}`,
  );
  t = performance.now();
  const next = await ingester.ingestEpoch(epoch + 1, status.finalizedEpoch);
  const ingestNext = (performance.now() - t) / 1000;
  log(`next epoch: ${ingestNext.toFixed(2)} s ${JSON.stringify(next)}`);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  t = performance.now();
  await floor(epoch + 1, beacon.slotsPerEpoch);
  const floorS = (performance.now() - t) / 1000;

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT sum(pg_column_size(t.*)) FROM epoch_validators t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM operator_epoch t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM proposal t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM epoch_sync t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM epoch t WHERE epoch = $1) AS bytes,
            pg_total_relation_size('validator') AS registry_bytes`,
    [epoch + 1],
  );
  await client.end();
  await db.close();
  const bytes = Number(rows[0].bytes);
  console.log(
    JSON.stringify({
      validators: 1_000_000,
      ingest_s: round(ingestNext),
      floor_s: round(floorS),
      ratio: round(ingestNext / floorS),
      peak_rss_mb: Math.round(peakRssMb),
      db_bytes_per_epoch: bytes,
      db_bytes_per_day: bytes * 225,
      first_epoch_ingest_s: round(ingestFirst),
      first_epoch_ratio: round(ingestFirst / floorS),
      registry_bytes: Number(rows[0].registry_bytes),
    }),
  );
} finally {
  stopSimulator();
  await database?.drop();
}

/** A database of its own, migrated with the project's migrations: no test template needed. */
async function createBenchDatabase() {
  const name = `oracle_bench_${randomBytes(4).toString("hex")}`;
  const at = (db: string) => {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `bench:ingest needs PostgreSQL at ${new URL(ADMIN_URL).host} (npm run services:up, or set BENCH_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const drop = async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: at(name), CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: at(name), drop };
}

/** The floor: the same requests the ingester makes, fetched and JSON-parsed, nothing else. */
async function floor(epoch: number, slotsPerEpoch: number) {
  const state = firstSlot(epoch + 1, slotsPerEpoch);
  const get = async (path: string, body?: unknown) =>
    JSON.parse(
      await (
        await fetch(
          `${url}${path}`,
          body === undefined
            ? {}
            : {
                method: "POST",
                body: JSON.stringify(body),
                headers: { "content-type": "application/json" },
              },
        )
      ).text(),
    );
  const slots = Array.from(
    { length: slotsPerEpoch },
    (_, k) => firstSlot(epoch, slotsPerEpoch) + k,
  );
  await Promise.all([
    get(`/eth/v1/validator/duties/proposer/${epoch}`),
    get(`/eth/v1/beacon/states/${firstSlot(epoch, slotsPerEpoch)}/sync_committees?epoch=${epoch}`),
    ...slots.map((s) => get(`/eth/v2/beacon/blocks/${s}`)),
  ]);
  await get(`/eth/v1/beacon/states/${state}/validators`);
  await get(`/eth/v1/beacon/rewards/attestations/${epoch}`, []);
}

async function waitFor(target: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`simulator did not start within ${ms} ms`);
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

function round(x: number) {
  return Math.round(x * 1000) / 1000;
}
