/**
 * `npm run bench:prove`: proves batches of 1, 16, 64 and 256 operators with the shipped risk model
 * (models/operator-risk.onnx) at the production fixed-point scale (PROVING_SCALE, default 10), on
 * feature vectors of simulated operators (30 days of history each, as `bench:score` uses), and
 * compares each batch with B × the single-operator proof time measured in the same run.
 *
 * Every circuit is built exactly as `npm run cli -- circuit` builds the production one
 * (`buildRiskCircuit`: calibrated on simulated operators plus the corners of the feature box;
 * Hashed inputs, Hashed parameters, public scores). Keys are generated once per circuit (timed and
 * reported separately); `prove_s` is a full warm `proveBatch` call: SRS load and checks, witness,
 * cached keys, proof. The single-operator time is the median of three warm proofs. A batch whose
 * circuit needs more rows than the engine can key-generate in its 4 GiB of WASM memory (logrows
 * above 16, measured: see docs/proving.md) is reported with `skipped`.
 *
 *   BENCH_BATCHES=1,16,64,256 PROVING_SCALE=10 MODEL_PATH=models/operator-risk.onnx
 * Last line: one JSON object.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { buildRiskCircuit } from "../src/bin/buildRiskCircuit.js";
import { simulateFeatureBatch } from "../src/model/index.js";
import { CircuitTooLargeError, generateDevSrs, parseSettingsJson, proveBatch, verifyBatch } from "../src/proving/index.js";

const MODEL_PATH = process.env.MODEL_PATH ?? "models/operator-risk.onnx";
const BATCHES = (process.env.BENCH_BATCHES ?? "1,16,64,256").split(",").map(Number);
const SCALE = Number(process.env.PROVING_SCALE ?? 10);
const SINGLE_RUNS = 3;

if (!existsSync(MODEL_PATH)) throw new Error(`${MODEL_PATH} not found: train it first (npm run train)`);
const { features } = simulateFeatureBatch({ seed: 7, operators: Math.max(...BATCHES) });
const operators = features.map((f) => [...f.values]);
const featureCount = operators[0].length;
const cacheDir = path.join(".cache", "bench-proving");
const log = (line: string) => console.log(`[bench:prove] ${line}`);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

type Row = {
  operators: number;
  prove_s: number | null;
  verify_s: number | null;
  peak_rss_mb: number | null;
  per_operator_s: number | null;
  logrows: number | null;
  keygen_s?: number | null;
  keygen_peak_rss_mb?: number | null;
  engine_memory_mb?: number;
  speedup?: number | null;
  skipped?: string;
};
const batches: Row[] = [];
let maxLogrows: number | null = null;
log(`${MODEL_PATH}: ${featureCount} features, scale ${SCALE}`);

for (const B of BATCHES) {
  let circuit;
  try {
    circuit = buildRiskCircuit({ modelPath: MODEL_PATH, batchSize: B, scale: SCALE });
  } catch (error) {
    if (!(error instanceof CircuitTooLargeError)) throw error;
    const meta = (error.meta ?? {}) as { needed?: number; maxLogrows?: number };
    maxLogrows = meta.maxLogrows ?? maxLogrows;
    const inputs = B * featureCount;
    const skipped = `needs logrows ${meta.needed}: Poseidon hashing of the ${inputs} Hashed inputs alone takes ${40 * inputs + Math.ceil(inputs / 2) + 2} rows; the 4 GiB engine key-generates at most logrows ${meta.maxLogrows} (genPk traps at 17)`;
    batches.push({ operators: B, prove_s: null, verify_s: null, peak_rss_mb: null, per_operator_s: null, logrows: meta.needed ?? null, skipped });
    log(`B=${B}: skipped, ${skipped}`);
    continue;
  }
  const { compiled } = circuit;
  const settings = parseSettingsJson(circuit.settingsJson);
  const k = settings.run_args.logrows;
  const srsPath = (await generateDevSrs({ k, nodeEnv: "development" })).path;
  const batch = operators.slice(0, B);
  log(`B=${B}: logrows ${k}, ${settings.run_args.num_inner_cols} inner column(s), lookup range [${settings.run_args.lookup_range.join(", ")}]; keys…`);
  // First call generates (or reads) the keys; the timed proofs run with the key cache warm.
  const first = await proveBatch({ compiled, features: batch, srsPath, cacheDir });
  const runs = [];
  for (let i = 0; i < (B === 1 ? SINGLE_RUNS : 1); i++) runs.push(await proveBatch({ compiled, features: batch, srsPath, cacheDir }));
  const prove_s = median(runs.map((r) => r.durationSeconds));
  const r = runs.find((x) => x.durationSeconds === prove_s)!;
  const t = performance.now();
  await verifyBatch({ proof: r.proof, vk: r.vk, settingsJson: r.settingsJson, srsPath, features: batch, expectedModelHash: r.modelHash });
  const verify_s = (performance.now() - t) / 1000;
  batches.push({
    operators: B,
    prove_s: round(prove_s, 1),
    verify_s: round(verify_s),
    peak_rss_mb: Math.round(Math.max(...runs.map((x) => x.peakRssMb))),
    per_operator_s: round(prove_s / B, 3),
    logrows: k,
    keygen_s: first.keygen ? round(first.keygen.seconds, 1) : null,
    keygen_peak_rss_mb: first.keygen ? Math.round(first.keygen.peakRssMb) : null,
    engine_memory_mb: Math.round(Math.max(...runs.map((x) => x.engineMemoryMb))),
  });
  log(
    `B=${B}: prove ${runs.map((x) => x.durationSeconds.toFixed(1)).join(" / ")} s, verify ${verify_s.toFixed(2)} s, peak RSS ${Math.max(...runs.map((x) => x.peakRssMb)).toFixed(0)} MB` +
      (first.keygen ? `; keys ${first.keygen.seconds.toFixed(0)} s, peak RSS ${first.keygen.peakRssMb.toFixed(0)} MB` : "; keys cached"),
  );
}

const single = batches.find((b) => b.operators === 1)?.prove_s ?? null;
for (const b of batches) b.speedup = single !== null && b.prove_s !== null ? round((b.operators * single) / b.prove_s) : null;
const b256 = batches.find((b) => b.operators === 256)?.prove_s ?? null;
const speedup_at_256 = single !== null && b256 !== null ? round((256 * single) / b256) : null;
const proven = batches.filter((b) => b.prove_s !== null);
const largest = proven.length ? proven.reduce((a, b) => (b.operators > a.operators ? b : a)) : null;
console.log(
  JSON.stringify({
    batches,
    speedup_at_256,
    largest_proven: largest && { operators: largest.operators, speedup: largest.speedup },
    model: MODEL_PATH,
    circuit: "buildRiskCircuit (as npm run cli -- circuit)",
    scale: SCALE,
    max_logrows: maxLogrows,
    reference: "speedup = B × single-operator prove_s / prove_s (same run)",
  }),
);
