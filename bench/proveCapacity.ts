/**
 * `npm run bench:prove-capacity`: the largest batch one native proof can hold on this machine. For
 * each batch size (the largest multiple of 14 that fits logrows 18, 19, 20, …) it builds the risk
 * circuit as `npm run cli -- circuit` does, then runs native key generation, witness, proof and
 * verify in one ezkl process, and records seconds and peak RSS per step. It stops at the first
 * batch whose process passes BENCH_MAX_RSS_MB (default 20480) or fails, or whose run passes
 * BENCH_STEP_TIMEOUT_S; the largest batch that proved and verified is the answer.
 *
 * The SRS is a random-secret one made by native ezkl's gen_srs (.cache/capacity-srs): only timing
 * and memory are measured here, never a proof anyone should trust.
 *
 *   BENCH_CAPACITY_BATCHES=322,644,1288,2576 BENCH_MAX_RSS_MB=20480 BENCH_STEP_TIMEOUT_S=3600
 * Last line: one JSON object.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simulateFeatureBatch } from "../src/model/index.js";
import {
  buildRiskCircuit,
  parseSettingsJson,
  runNativeEzkl,
  type NativeStepResult,
} from "../src/proving/index.js";

const MODEL_PATH = process.env.MODEL_PATH ?? "models/operator-risk.onnx";
const BATCHES = (process.env.BENCH_CAPACITY_BATCHES ?? "322,644,1288,2576").split(",").map(Number);
const MAX_RSS_MB = Number(process.env.BENCH_MAX_RSS_MB ?? 20_480);
const TIMEOUT_S = Number(process.env.BENCH_STEP_TIMEOUT_S ?? 3600);
const SCALE = Number(process.env.PROVING_SCALE ?? 10);
const log = (line: string) => console.log(`[bench:prove-capacity] ${line}`);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

const srsDir = path.join(".cache", "capacity-srs");
const work = path.join(".cache", "capacity-work");
mkdirSync(srsDir, { recursive: true });

type Row = {
  operators: number;
  logrows: number;
  ok: boolean;
  error?: string;
  steps: Record<string, { seconds: number; peak_rss_mb: number }>;
};
const rows: Row[] = [];
const { features } = simulateFeatureBatch({ seed: 7, operators: Math.max(...BATCHES) });

for (const B of BATCHES) {
  const circuit = buildRiskCircuit({
    modelPath: MODEL_PATH,
    batchSize: B,
    scale: SCALE,
    maxLogrows: 26,
  });
  const k = parseSettingsJson(circuit.settingsJson).run_args.logrows;
  const srs = path.join(srsDir, `kzg${k}.srs`);
  if (!existsSync(srs)) {
    log(`k=${k}: generating a random-secret SRS (measurement only)`);
    await runNativeEzkl({ steps: [{ op: "gen_srs", srs, logrows: k }] });
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = (name: string) => path.join(work, name);
  writeFileSync(file("model.compiled"), circuit.compiled);
  writeFileSync(file("settings.json"), circuit.settingsJson);
  writeFileSync(
    file("input.json"),
    JSON.stringify({ input_data: [features.slice(0, B).flatMap((f) => [...f.values])] }),
  );
  log(`B=${B}: logrows ${k}: setup, witness, prove, verify…`);
  const row: Row = { operators: B, logrows: k, ok: false, steps: {} };
  const record = (r: NativeStepResult) => {
    row.steps[r.op] = { seconds: round(r.seconds), peak_rss_mb: Math.round(r.peakRssMb) };
    log(`B=${B}: ${r.op} ${r.seconds.toFixed(1)} s, peak RSS ${Math.round(r.peakRssMb)} MB`);
  };
  try {
    const { results } = await runNativeEzkl({
      steps: [
        {
          op: "setup",
          compiled: file("model.compiled"),
          vk: file("vk.key"),
          pk: file("pk.key"),
          srs,
        },
        {
          op: "witness",
          input: file("input.json"),
          compiled: file("model.compiled"),
          out: file("witness.json"),
          srs,
        },
        {
          op: "prove",
          witness: file("witness.json"),
          compiled: file("model.compiled"),
          pk: file("pk.key"),
          proof: file("proof.json"),
          srs,
        },
        {
          op: "verify",
          proof: file("proof.json"),
          settings: file("settings.json"),
          vk: file("vk.key"),
          srs,
        },
      ],
      onStep: ({ phase, result }) => phase === "done" && result && record(result),
      maxRssMb: MAX_RSS_MB,
      signal: AbortSignal.timeout(TIMEOUT_S * 1000),
    });
    row.ok = results.at(-1)?.ok === true;
  } catch (error) {
    row.error = `${(error as { code?: string }).code ?? (error as Error).name}: ${(error as Error).message.split("\n")[0]}`;
    log(`B=${B}: stopped: ${row.error}`);
  }
  rows.push(row);
  if (!row.ok) break;
}
rmSync(work, { recursive: true, force: true });

const largest = rows.filter((r) => r.ok).at(-1);
console.log(
  JSON.stringify({
    batches: rows,
    largest_operators: largest?.operators ?? null,
    largest_logrows: largest?.logrows ?? null,
    max_rss_mb: MAX_RSS_MB,
    model: MODEL_PATH,
    scale: SCALE,
  }),
);
