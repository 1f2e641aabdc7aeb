/**
 * `npm run bench:prove`: proves batches of 1, 16, 64 and 256 operators with the shipped risk model
 * (models/operator-risk.onnx) at the production fixed-point scale (PROVING_SCALE, default 10), on
 * feature vectors of simulated operators (30 days of history each, as `bench:score` uses), and
 * compares each batch with B × the single-operator proof time measured in the same run.
 *
 * Every circuit is built exactly as `npm run cli -- circuit` builds the production one
 * (`buildRiskCircuit`: calibrated on simulated operators plus the corners of the feature box;
 * Hashed inputs, Hashed parameters, public scores). A batch proves its B operators the way the
 * pipeline would: in one proof when a B-operator circuit fits the engine's 4 GiB of WASM memory
 * (logrows ≤ 16), otherwise in consecutive proofs of the largest batch the pipeline allows
 * (PROVING_BATCH_SIZE's maximum, 70: one report per 70 operators), the last one padded.
 * `prove_s` is the wall time of all of a batch's `proveBatch` calls (SRS load and checks, witness,
 * proof), key generation excluded: keys are made once per circuit and reported beside it. The
 * single-operator time is the median of three proofs. `peak_rss_mb` is the process's peak while
 * proving, `keygen_peak_rss_mb` while generating keys.
 *
 *   BENCH_BATCHES=1,16,64,256 PROVING_SCALE=10 MODEL_PATH=models/operator-risk.onnx BENCH_CHUNK=70
 * Last line: one JSON object.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { buildRiskCircuit } from "../src/bin/buildRiskCircuit.js";
import { settings as settingDefinitions } from "../src/config/settings.js";
import { simulateFeatureBatch } from "../src/model/index.js";
import { CircuitTooLargeError, generateDevSrs, parseSettingsJson, poseidonRows, proveBatch, verifyBatch } from "../src/proving/index.js";
import type { Circuit, ProveBatchReturnType } from "../src/proving/index.js";

const MODEL_PATH = process.env.MODEL_PATH ?? "models/operator-risk.onnx";
const BATCHES = (process.env.BENCH_BATCHES ?? "1,16,64,256").split(",").map(Number);
const SCALE = Number(process.env.PROVING_SCALE ?? 10);
const CHUNK = Number(process.env.BENCH_CHUNK ?? settingDefinitions.PROVING_BATCH_SIZE.max);
const SINGLE_RUNS = 3;

if (!existsSync(MODEL_PATH)) throw new Error(`${MODEL_PATH} not found: train it first (npm run train)`);
const { features } = simulateFeatureBatch({ seed: 7, operators: Math.max(...BATCHES) });
const operators = features.map((f) => [...f.values]);
const featureCount = operators[0].length;
const cacheDir = path.join(".cache", "bench-proving");
const log = (line: string) => console.log(`[bench:prove] ${line}`);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

type Row = {
  operators: number;
  prove_s: number | null;
  verify_s: number | null;
  peak_rss_mb: number | null;
  per_operator_s: number | null;
  logrows: number | null;
  proofs?: number;
  operators_per_proof?: number;
  keygen_s?: number | null;
  keygen_peak_rss_mb?: number | null;
  engine_memory_mb?: number;
  speedup?: number | null;
  single_proof?: string;
};
const batches: Row[] = [];
log(`${MODEL_PATH}: ${featureCount} features, scale ${SCALE}`);

/**
 * The circuit that proves B operators: B rows when it fits the engine, otherwise the pipeline's
 * largest report (CHUNK rows), with the reason one proof of B cannot be built.
 */
function circuitFor(B: number): { circuit: Circuit; perProof: number; singleProof: string | null } {
  try {
    return { circuit: buildRiskCircuit({ modelPath: MODEL_PATH, batchSize: B, scale: SCALE }), perProof: B, singleProof: null };
  } catch (error) {
    if (!(error instanceof CircuitTooLargeError)) throw error;
    const meta = (error.meta ?? {}) as { needed?: number; maxLogrows?: number };
    const inputs = B * featureCount;
    const singleProof = `one proof of ${B} needs logrows ${meta.needed} (hashing its ${inputs} inputs takes ${poseidonRows(inputs)} Poseidon rows); the 4 GiB engine key-generates at most logrows ${meta.maxLogrows}`;
    return { circuit: buildRiskCircuit({ modelPath: MODEL_PATH, batchSize: CHUNK, scale: SCALE }), perProof: CHUNK, singleProof };
  }
}

/** A proof's time without key generation: SRS load and checks, witness and proof. */
const proveSeconds = (r: ProveBatchReturnType) => r.durationSeconds - (r.keygen?.seconds ?? 0);

for (const B of BATCHES) {
  const { circuit, perProof, singleProof } = circuitFor(B);
  const k = parseSettingsJson(circuit.settingsJson).run_args.logrows;
  const srsPath = (await generateDevSrs({ k, nodeEnv: "development" })).path;
  const chunks: number[][][] = [];
  for (let i = 0; i < B; i += perProof) chunks.push(operators.slice(i, Math.min(B, i + perProof)));
  if (singleProof) log(`B=${B}: ${singleProof}; proving it as ${chunks.length} proofs of up to ${perProof}, as the pipeline would`);
  log(`B=${B}: logrows ${k}, ${chunks.length} proof(s)…`);

  // One run proves every chunk in turn; the first proof of a new circuit also generates its keys.
  const runs: { seconds: number; results: ProveBatchReturnType[] }[] = [];
  for (let i = 0; i < (B === 1 ? SINGLE_RUNS : 1); i++) {
    const results: ProveBatchReturnType[] = [];
    for (const chunk of chunks) {
      results.push(await proveBatch({ compiled: circuit.compiled, features: chunk, srsPath, cacheDir }));
      log(`B=${B}: proof ${results.length}/${chunks.length} in ${proveSeconds(results.at(-1)!).toFixed(1)} s`);
    }
    runs.push({ seconds: sum(results.map(proveSeconds)), results });
  }
  const prove_s = median(runs.map((r) => r.seconds));
  const run = runs.find((r) => r.seconds === prove_s)!;
  const all = runs.flatMap((r) => r.results);
  const keygen = all.find((r) => r.keygen)?.keygen ?? null;

  let verify_s = 0;
  for (const [i, r] of run.results.entries()) {
    const t = performance.now();
    await verifyBatch({ proof: r.proof, vk: r.vk, settingsJson: r.settingsJson, srsPath, features: chunks[i], expectedModelHash: r.modelHash });
    verify_s += (performance.now() - t) / 1000;
  }
  const peak = Math.max(...all.map((r) => r.proofPeakRssMb));
  batches.push({
    operators: B,
    prove_s: round(prove_s, 1),
    verify_s: round(verify_s),
    peak_rss_mb: Math.round(peak),
    per_operator_s: round(prove_s / B, 3),
    logrows: k,
    proofs: chunks.length,
    operators_per_proof: perProof,
    keygen_s: keygen ? round(keygen.seconds, 1) : null,
    keygen_peak_rss_mb: keygen ? Math.round(keygen.peakRssMb) : null,
    engine_memory_mb: Math.round(Math.max(...all.map((r) => r.engineMemoryMb))),
    ...(singleProof ? { single_proof: singleProof } : {}),
  });
  log(
    `B=${B}: prove ${runs.map((r) => r.seconds.toFixed(1)).join(" / ")} s, verify ${verify_s.toFixed(2)} s, peak RSS ${peak.toFixed(0)} MB` +
      (keygen ? `; keys ${keygen.seconds.toFixed(0)} s, peak RSS ${keygen.peakRssMb.toFixed(0)} MB` : "; keys cached"),
  );
}

const single = batches.find((b) => b.operators === 1)?.prove_s ?? null;
for (const b of batches) b.speedup = single !== null && b.prove_s !== null ? round((b.operators * single) / b.prove_s) : null;
const b256 = batches.find((b) => b.operators === 256)?.prove_s ?? null;
const speedup_at_256 = single !== null && b256 !== null ? round((256 * single) / b256) : null;
const peaks = batches.flatMap((b) => [b.peak_rss_mb ?? 0, b.keygen_peak_rss_mb ?? 0]);
console.log(
  JSON.stringify({
    batches,
    speedup_at_256,
    max_peak_rss_mb: Math.max(...peaks),
    model: MODEL_PATH,
    circuit: "buildRiskCircuit (as npm run cli -- circuit)",
    scale: SCALE,
    reference: "speedup = B × single-operator prove_s / prove_s (same run)",
  }),
);
