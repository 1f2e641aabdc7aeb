/**
 * bench:ingest — one whole epoch of a 1,000,000-validator chain (mainnet preset) ingested into
 * PostgreSQL the way production does it, against the floor: fetching and JSON-parsing the same
 * responses with no processing or writing.
 *
 * The timed path is production's: the simulator serves as a pruned (non-archive) node, and each
 * epoch E is read near the head and staged (`stageNearHead` at the first slot of E + 2: blocks,
 * validators, rewards, sync committee, encoded and saved in `staged_epoch_part`), then promoted
 * once final (`ingestEpoch` at the first slot of E + 4: the staged read loaded back, its block
 * roots checked against the canonical chain, built, written, the staging deleted). An epoch's
 * figure is the sum of its stage round and its promotion. The pruned node refuses to serve E
 * directly by then, so a promotion that did not come from the staging would fail the run.
 *
 * The floor (bench/ingestFloor.ts) is timed just before and just after the second epoch's stage
 * round, on a simulator already warmed for that epoch, and the two runs are averaged; the ratio
 * is that epoch's stage plus promotion over it, and first_epoch_ratio the first epoch's (which
 * also writes the 1,000,000-row registry) over the same floor.
 *
 * The simulator and the floor run as their own processes so their memory and CPU are not
 * counted as the ingester's. The bench creates and migrates its own database, and on every exit
 * (success, failure, Ctrl-C) stops its child processes and drops that database. Last line: one
 * JSON object.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
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
/** The first epoch timed: late enough for a finalized checkpoint two epochs behind the head. */
const EPOCH = 4;
const logger = createLogger({ level: "warn", pretty: false });
const log = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);

const children = new Set<ChildProcess>();
let database: { url: string; drop(): Promise<void> } | undefined;
const stopChildren = () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
};
process.once("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    stopChildren();
    // The exit handlers cannot wait: drop the database first.
    void (database?.drop() ?? Promise.resolve()).finally(() => process.exit(130));
  });

// The project's PostgreSQL (installed and started when missing), unless BENCH_DATABASE_URL names one.
if (!process.env.BENCH_DATABASE_URL)
  execFileSync("bash", ["scripts/services.sh", "up"], {
    env: { ...process.env, WITH_EVM: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });

try {
  database = await createBenchDatabase();
  // node itself rather than npx: one process, so stopping it leaves no simulator behind.
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
      "pruned",
    ],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, LOG_LEVEL: "warn" } },
  );
  children.add(sim);
  await waitFor(`${url}/eth/v1/node/health`, 180_000, sim);

  const db = createDb({ url: database.url, logger });
  const beacon = await createBeaconClient({
    // Retries as a worker has them: a pooled socket the simulator closed is tried again.
    options: { urls: [url], timeoutMs: 300_000, retries: 2, retryBaseMs: 100 },
    logger,
  });
  const spe = beacon.slotsPerEpoch;
  const ingester = createIngester({
    beacon,
    db,
    logger,
    bulkTimeoutMs: 300_000,
    stageFromEpoch: EPOCH,
  });
  const seconds = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return (performance.now() - t) / 1000;
  };
  const headAt = async (epoch: number) => {
    await post("/_sim/advance", { epoch });
    return firstSlot(epoch, spe);
  };
  // The follower's rounds while E and E + 1 are current: it keeps their proposer duties.
  await ingester.stageNearHead(await headAt(EPOCH));
  await ingester.stageNearHead(await headAt(EPOCH + 1));

  // Each stage round once the simulator has computed the epoch (a floor run warms it), so
  // neither side pays for generating the chain. The floor of E + 1 is run just before and just
  // after its stage round and averaged: on a shared machine the load changes within a minute,
  // and one floor run alone may land in a quieter or busier moment than the stage.
  const stageTimes: number[] = [];
  const floorRuns: number[] = [];
  for (const epoch of [EPOCH, EPOCH + 1]) {
    const head = await headAt(epoch + 2);
    const floorArgs = [
      String(epoch),
      String(spe),
      String(firstSlot(epoch + 1, spe)),
      String(epoch + 2),
    ];
    await floor(floorArgs);
    if (epoch === EPOCH + 1) floorRuns.push(await floor(floorArgs));
    stageTimes.push(await seconds(() => ingester.stageNearHead(head)));
    const staged = await ingester.stagedEpochs();
    if (!staged.includes(epoch)) throw new Error(`epoch ${epoch} was not staged (${staged})`);
    log(`epoch ${epoch} staged in ${stageTimes.at(-1)!.toFixed(2)} s`);
    if (epoch === EPOCH + 1) floorRuns.push(await floor(floorArgs));
  }
  const floorS = (floorRuns[0] + floorRuns[1]) / 2;
  log(`floor runs ${floorRuns.map((s) => s.toFixed(2)).join(", ")} s`);
  const promote = async (epoch: number) => {
    await headAt(epoch + 4);
    const { finalizedEpoch: finalized } = (await (await fetch(`${url}/_sim/status`)).json()) as {
      finalizedEpoch: number;
    };
    const t = performance.now();
    const result = await ingester.ingestEpoch(epoch, finalized);
    if (result.status !== "ingested") throw new Error(`epoch ${epoch}: ${result.status}`);
    const s = (performance.now() - t) / 1000;
    log(`epoch ${epoch} promoted in ${s.toFixed(2)} s ${JSON.stringify(result.phases)}`);
    return s;
  };
  const ingestFirst = stageTimes[0] + (await promote(EPOCH));
  const ingestNext = stageTimes[1] + (await promote(EPOCH + 1));
  if ((await ingester.stagedEpochs()).length !== 0) throw new Error("staged rows left behind");
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT sum(pg_column_size(t.*)) FROM epoch_validators t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM operator_epoch t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM proposal t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM epoch_sync t WHERE epoch = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM epoch t WHERE epoch = $1) AS bytes,
            pg_total_relation_size('validator') AS registry_bytes,
            (SELECT pg_column_size(t.*) FROM validator_day t WHERE day = $1 / 225) AS day_row_bytes`,
    [EPOCH + 1],
  );
  await client.end();
  await db.close();
  const bytes = Number(rows[0].bytes);
  console.log(
    JSON.stringify({
      validators: 1_000_000,
      ingest_s: round(ingestNext),
      floor_s: round(floorS),
      floor_runs_s: floorRuns.map(round),
      ratio: round(ingestNext / floorS),
      peak_rss_mb: Math.round(peakRssMb),
      db_bytes_per_epoch: bytes,
      db_bytes_per_day: bytes * 225,
      // The day's per-validator counts (validator_day), one row a day rewritten by each epoch:
      // here it holds the bench's epochs of the day, not all 225 (docs/storage.md).
      validator_day_row_bytes: Number(rows[0].day_row_bytes),
      first_epoch_ingest_s: round(ingestFirst),
      first_epoch_ratio: round(ingestFirst / floorS),
      registry_bytes: Number(rows[0].registry_bytes),
    }),
  );
} finally {
  stopChildren();
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

/** One floor run (bench/ingestFloor.ts) in its own process; its seconds. */
async function floor(args: string[]): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/ingestFloor.ts", url, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  children.delete(child);
  if (code !== 0) throw new Error(`floor run failed (exit ${code})`);
  return (JSON.parse(out.trim().split("\n").at(-1)!) as { floor_s: number }).floor_s;
}

async function waitFor(target: string, ms: number, sim: ChildProcess) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (sim.exitCode !== null) throw new Error(`simulator exited (${sim.exitCode})`);
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
