/**
 * The main job on a local default, end to end at this stage of the project: the Beacon API
 * simulator serves a scenario chain (healthy operators, an offline one, a slashing cluster),
 * the follower enqueues every finalized epoch into BullMQ, the ingest worker stores them in
 * PostgreSQL, and a table of what was measured per operator is printed at the end.
 *
 * Run through `npm run demo` (scripts/demo.sh starts PostgreSQL and Redis first).
 */
import { parseArgs } from "node:util";
import { createBeaconClient } from "../beacon/index.js";
import { createDb, latestIngestedEpoch, saveOperatorDefinitions } from "../db/index.js";
import { createFollower, createIngester, lastIngestableEpoch } from "../ingest/index.js";
import { parseOperatorFile } from "../operators/index.js";
import { createIngestQueue, redisConnection } from "../queue/index.js";
import { loadScenario, startSimulator } from "../simulator/index.js";
import { createCommon } from "./createCommon.js";

const { values } = parseArgs({ options: { scenario: { type: "string", default: "demo" }, "live-epochs": { type: "string", default: "2" } } });
const common = createCommon("demo");
const { config, logger, metrics, shutdown } = common;
const say = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();

// Start the chain a few epochs past the scenario's slashings, so the demo ingests the history
// at once and then follows live finality for a couple of epochs.
const base = loadScenario(values.scenario!);
const lastEvent = Math.max(0, ...base.operators.flatMap((o) => [...o.slashings.map((s) => s.epoch), ...o.offline.map((w) => w.toEpoch)]));
const scenario = { ...base, headStartEpoch: Math.max(base.headStartEpoch, lastEvent + 5) };
const sim = await startSimulator({ scenario, clock: "wall", port: new URL(config.BEACON_URLS[0]).port ? Number(new URL(config.BEACON_URLS[0]).port) : 0, logger });
shutdown.add("simulator", () => sim.close());
say(`▶ simulator: ${scenario.validatorCount} validators, ${scenario.operators.length} operators, preset ${scenario.preset}, head epoch ${sim.status().headEpoch}, ${sim.url}`);

const db = createDb({ url: config.DATABASE_URL, logger });
shutdown.add("database", () => db.close());
// The operator labels a user would import: each operator's withdrawal address.
const defs = parseOperatorFile({
  format: "json",
  source: `${scenario.name}-labels`,
  content: JSON.stringify({
    pools: scenario.pools,
    operators: scenario.operators.map((o) => ({ id: o.id, name: o.name, pool: o.pool, withdrawalAddresses: o.withdrawalAddress ? [o.withdrawalAddress] : [] })),
  }),
});
await saveOperatorDefinitions({ pool: db.pool, defs, source: `${scenario.name}-labels`, resolved: new Map() });
say(`▶ operators: imported ${defs.operators.length} operators in ${defs.pools.length} pools (withdrawal-address rules)`);

const beacon = await createBeaconClient({
  options: { urls: [sim.url], timeoutMs: config.BEACON_TIMEOUT_MS, retries: config.BEACON_RETRIES, retryBaseMs: config.BEACON_RETRY_BASE_MS },
  logger,
  metrics,
  signal: shutdown.signal,
});
const ingester = createIngester({ beacon, db, logger, metrics, bulkTimeoutMs: config.BEACON_TIMEOUT_MS });
const queue = createIngestQueue({ connection: redisConnection(config.REDIS_URL), logger, metrics, prefix: `demo-${Date.now()}` });
queue.work(ingester, 1);
shutdown.add("queue", () => queue.close());
const follower = createFollower({ beacon, db, logger, metrics, enqueue: queue.enqueue, pollMs: 1000, startEpoch: 0 });
const following = follower.run(shutdown.signal);
shutdown.add("follower", () => following);

const target = lastIngestableEpoch(sim.status().finalizedEpoch) + Number(values["live-epochs"]);
say(`▶ following finality: ingesting epochs 0..${target} (the last ${values["live-epochs"]} as they finalize)`);
let shown = -1;
while (!shutdown.signal.aborted) {
  const latest = (await latestIngestedEpoch(db.pool)) ?? -1;
  if (latest !== shown) {
    shown = latest;
    say(`  ingested epoch ${latest}/${target}  (finalized ${follower.finalizedEpoch ?? "?"}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (latest >= target) break;
  await new Promise((r) => setTimeout(r, 500));
}

const { rows } = await db.pool.query(`
  SELECT o.id, o.pool_id, max(e.validators) AS validators,
         sum(e.source_earned + e.target_earned + e.head_earned) / nullif(sum(e.source_ideal + e.target_ideal + e.head_ideal), 0) AS effectiveness,
         sum(e.source_misses)::int AS source_misses, sum(e.attestation_duties)::int AS duties,
         sum(e.proposal_duties)::int AS proposals, sum(e.proposal_duties - e.proposals_produced)::int AS missed,
         sum(e.newly_slashed)::int AS slashed
  FROM operator o JOIN operator_epoch e ON e.operator_id = o.id GROUP BY o.id, o.pool_id ORDER BY o.id`);
const { rows: slashings } = await db.pool.query(`SELECT count(*)::int AS n FROM slashing`);
const { rows: stored } = await db.pool.query(`SELECT count(*)::int AS n FROM epoch`);
say("");
say(pad(["operator", "pool", "validators", "att. effectiveness", "source miss %", "proposals", "missed", "slashed"]));
for (const r of rows) {
  say(pad([r.id, r.pool_id ?? "-", r.validators, (100 * Number(r.effectiveness)).toFixed(2) + "%", ((100 * r.source_misses) / Math.max(1, r.duties)).toFixed(2), r.proposals, r.missed, r.slashed]));
}
say("");
say(`✔ ${stored[0].n} of ${target + 1} epochs ingested, ${slashings[0].n} slashing operations found, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await shutdown.run("demo finished");

function pad(cells: unknown[]): string {
  const widths = [14, 12, 10, 18, 13, 9, 6, 7];
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join(" ");
}
