/**
 * Command-line entry point.
 *   backfill --from E1 --to E2      ingest a range of finalized epochs (resumable, with ETA)
 *   ingest --epoch E                ingest one finalized epoch
 *   operators import FILE [--format csv|json]
 *                                   import pubkey labels / withdrawal-credential rules
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createBeaconClient, fetchFinalizedEpoch, type BeaconClient } from "../beacon/index.js";
import { createProgress } from "../common/index.js";
import { createDb, saveOperatorDefinitions } from "../db/index.js";
import { backfill, createIngester } from "../ingest/index.js";
import { parseOperatorFile, resolvePubkeys } from "../operators/index.js";
import { createCommon } from "./createCommon.js";

const USAGE = `usage:
  cli backfill --from E1 --to E2
  cli ingest --epoch E
  cli operators import FILE [--format csv|json]`;

const common = createCommon("cli");
const { config, logger, shutdown } = common;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { from: { type: "string" }, to: { type: "string" }, epoch: { type: "string" }, format: { type: "string" } },
});

const db = createDb({ url: config.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
const connectBeacon = (): Promise<BeaconClient> =>
  createBeaconClient({
    options: { urls: config.BEACON_URLS, timeoutMs: config.BEACON_TIMEOUT_MS, retries: config.BEACON_RETRIES, retryBaseMs: config.BEACON_RETRY_BASE_MS },
    logger,
    signal: shutdown.signal,
  });

try {
  const [command, sub, file] = positionals;
  if (command === "backfill") {
    const from = integer(values.from, "--from");
    const to = integer(values.to, "--to");
    const beacon = await connectBeacon();
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: config.BEACON_TIMEOUT_MS });
    const result = await backfill({
      beacon,
      db,
      ingester,
      from,
      to,
      signal: shutdown.signal,
      progress: (total) => createProgress({ label: "backfill", total }),
    });
    logger.info(result, "backfill finished");
  } else if (command === "ingest") {
    const epoch = integer(values.epoch, "--epoch");
    const beacon = await connectBeacon();
    const ingester = createIngester({ beacon, db, logger, bulkTimeoutMs: config.BEACON_TIMEOUT_MS });
    logger.info(await ingester.ingestEpoch(epoch, await fetchFinalizedEpoch({ beacon })), "ingest finished");
  } else if (command === "operators" && sub === "import" && file) {
    const format = (values.format ?? (file.toLowerCase().endsWith(".json") ? "json" : "csv")) as "csv" | "json";
    if (format !== "csv" && format !== "json") throw new Error("--format must be csv or json");
    const source = file.split("/").pop()!;
    const defs = parseOperatorFile({ content: await readFile(file, "utf8"), format, source });
    let resolved = new Map<string, number>();
    try {
      const beacon = await connectBeacon();
      const bar = createProgress({ label: "resolve pubkeys", total: Math.ceil(defs.labels.size / 1000) });
      resolved = await resolvePubkeys({ beacon, pubkeys: [...defs.labels.keys()], onBatch: () => bar.tick() });
      bar.done();
    } catch (error) {
      // Labels are still stored: ingestion applies them when it first sees each validator.
      logger.warn({ err: (error as Error).message }, "could not resolve pubkeys through the beacon node; storing labels only");
    }
    const result = await saveOperatorDefinitions({ pool: db.pool, defs, source, resolved });
    logger.info({ ...result, resolved: resolved.size }, "operators imported");
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
} catch (error) {
  logger.error({ err: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code }, "command failed");
  process.exitCode = 1;
} finally {
  await shutdown.run("done");
}

function integer(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`${name} must be a non-negative integer\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}
