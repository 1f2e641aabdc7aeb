/**
 * The Beacon API simulator as a process: `npm run simulator -- --scenario demo --port 55052 --clock wall`.
 * --scenario takes a file path or a bundled name (demo, test, mainnet-1m). --storage pruned refuses
 * what a default non-archive Lodestar node refuses; archive (the default here) serves every past
 * epoch, which finalized-epoch ingestion needs.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "demo" },
    port: { type: "string", default: "55052" },
    host: { type: "string", default: "127.0.0.1" },
    clock: { type: "string", default: "wall" },
    storage: { type: "string", default: "archive" },
    "log-level": { type: "string", default: "info" },
  },
});

// @lodestar/types fixes its SSZ limits from LODESTAR_PRESET when first imported, so the preset
// must be set from the scenario before anything imports lodestar: hence the dynamic imports.
const scenarioPath = /^[a-z0-9-]+$/.test(values.scenario!)
  ? new URL(`../simulator/scenarios/${values.scenario}.json`, import.meta.url)
  : values.scenario!;
const preset = (JSON.parse(readFileSync(scenarioPath, "utf8")) as { preset?: string }).preset;
if (preset && !process.env.LODESTAR_PRESET) process.env.LODESTAR_PRESET = preset;

const { createLogger, createShutdown } = await import("../common/index.js");
const { loadScenario, startSimulator } = await import("../simulator/index.js");

const logger = createLogger({ level: values["log-level"], name: "simulator" });
const shutdown = createShutdown(logger);
if (values.clock !== "wall" && values.clock !== "manual")
  throw new Error("--clock must be wall or manual");
if (values.storage !== "archive" && values.storage !== "pruned")
  throw new Error("--storage must be archive or pruned");
const scenario = loadScenario(values.scenario!);
const sim = await startSimulator({
  scenario,
  port: Number(values.port),
  host: values.host,
  clock: values.clock,
  storage: values.storage,
  logger,
});
shutdown.add("simulator", () => sim.close());

// Progress once an epoch: head, finality and what the chain did.
const SPE = sim.chain.constants.SLOTS_PER_EPOCH;
let lastEpoch = -1;
const progress = setInterval(() => {
  const s = sim.status();
  if (s.headEpoch === lastEpoch) return;
  lastEpoch = s.headEpoch;
  const missed = [];
  for (let slot = Math.max(1, (s.headEpoch - 1) * SPE); slot < s.headEpoch * SPE; slot++)
    if (!sim.chain.schedule.produced(slot)) missed.push(slot);
  logger.info(
    {
      headSlot: s.headSlot,
      headEpoch: s.headEpoch,
      finalizedEpoch: s.finalizedEpoch,
      missedLastEpoch: missed,
      subscribers: s.subscribers,
    },
    "epoch",
  );
}, 1000);
progress.unref();
shutdown.add("progress", () => clearInterval(progress));
