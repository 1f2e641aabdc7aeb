/**
 * `npm run bench:web`: time from opening a report page in headless Chromium (Debian's, through
 * playwright-core) to its verdict, against `npm run cli -- verify ID --file F` on the same
 * artifacts, in the same run. The report is the committed 14-operator circuit's batch proven as
 * the demo proves it, by the native prover (test/support/seedProvenReport.ts), which the page
 * checks with the circuit's Solidity verifier in its in-page EVM; BENCH_PROVER=wasm times an
 * engine-proven report instead. Each browser round is a fresh context (cold cache: page, engine
 * WASM and SRS downloaded, WASM compiled); each CLI round a fresh process. Medians of ROUNDS
 * (default 3). Last line JSON.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import pg from "pg";
import { chromium } from "playwright-core";
import { buildApp } from "../src/api/index.js";
import { createClient } from "../src/client/index.js";
import { createLogger } from "../src/common/index.js";
import { loadConfig } from "../src/config/index.js";
import { createDb } from "../src/db/index.js";
import { createMetrics } from "../src/metrics/index.js";
import { adminDatabaseUrl, databaseUrlFor } from "../test/support/database.js";
import { seedApi } from "../test/support/seedApi.js";
import { seedProvenReport } from "../test/support/seedProvenReport.js";

const DATABASE = "oracle_bench_web";
const rounds = Number(process.env.ROUNDS ?? 3);
const log = (message: string) => console.log(`[bench] ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

execFileSync("bash", ["scripts/ensure-web.sh"], { stdio: "inherit" });
const chromiumPath = execFileSync("bash", ["scripts/ensure-chromium.sh"]).toString().trim();

const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DATABASE}`);
await admin.end();
const url = databaseUrlFor(DATABASE);
execFileSync("npx", ["prisma", "migrate", "deploy"], {
  env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});

const logger = createLogger({ level: "silent" });
const db = createDb({ url, logger });
await seedApi(db.pool);
log("proving (or reusing the cached proof of) the report…");
const prover = process.env.BENCH_PROVER === "wasm" ? "wasm" : "native";
const { reportId } = await seedProvenReport(db.pool, { prover });
const config = loadConfig({
  env: { DATABASE_URL: url, LOG_LEVEL: "silent", API_RATE_LIMIT_MAX: "0", NODE_ENV: "test" },
});
const app = await buildApp({ db, config, logger, metrics: createMetrics() });
const origin = await app.listen({ host: "127.0.0.1", port: 0 });
const file = ".data/bench-web-artifacts.json";
await mkdir(".data", { recursive: true });
await writeFile(
  file,
  JSON.stringify(await createClient({ baseUrl: origin }).reportArtifacts(reportId)),
);

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
const browserSeconds: number[] = [];
const cliSeconds: number[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${origin}/reports/${reportId}`);
    const verdict = page.locator("#verdict [data-verdict]");
    await verdict.waitFor({ timeout: 600_000 });
    browserSeconds.push((performance.now() - started) / 1000);
    const kind = await verdict.getAttribute("data-verdict");
    if (kind !== "verified")
      throw new Error(`the browser's verdict is ${kind}: ${await verdict.textContent()}`);
    await context.close();

    const cliStarted = performance.now();
    const cli = spawnSync(
      "npx",
      ["tsx", "src/bin/cli.ts", "verify", String(reportId), "--file", file],
      { env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn" }, encoding: "utf8" },
    );
    cliSeconds.push((performance.now() - cliStarted) / 1000);
    if (cli.status !== 0 || !/proof verified/.test(cli.stdout))
      throw new Error(`cli verify failed (${cli.status}): ${cli.stdout}${cli.stderr}`);
    log(
      `round ${round}: browser ${browserSeconds.at(-1)!.toFixed(2)} s, cli verify ${cliSeconds.at(-1)!.toFixed(2)} s`,
    );
  }
} finally {
  await browser.close();
  await app.close();
  await db.close();
}
const browser_verify_s = Number(median(browserSeconds).toFixed(3));
const cli_verify_s = Number(median(cliSeconds).toFixed(3));
console.log(
  JSON.stringify({
    browser_verify_s,
    cli_verify_s,
    ratio: Number((browser_verify_s / cli_verify_s).toFixed(3)),
    prover,
  }),
);
