/**
 * `npm run bench:prove`: both provers in one run, on the shipped risk model
 * (models/operator-risk.onnx) at the production fixed-point scale (PROVING_SCALE, default 10), with
 * feature vectors of simulated operators (30 days of history each, as `bench:score` uses):
 * - the reference: the WASM engine (@ezkljs/engine) proving one operator, median of
 *   BENCH_WASM_RUNS (default 3) proofs;
 * - the native prover (ezkl wheel) proving batches of 1, 16, 64 and 256 operators, each batch in ONE
 *   proof of a circuit built for exactly that batch (256 operators: logrows 18).
 *
 * Every circuit is built exactly as `npm run cli -- circuit` builds the production one
 * (`buildRiskCircuit`: calibrated on simulated operators plus the corners of the feature box;
 * Hashed inputs, Hashed parameters, public scores). `prove_s` is a proof's wall time through
 * `proveBatch` (SRS load and checks, witness, proof), key generation excluded: keys are made once
 * per circuit and reported beside it (`keygen_s`, `keygen_peak_rss_mb`). `peak_rss_mb` is the
 * prover's peak while proving: the ezkl process for native, this process (engine worker included)
 * for wasm. speedup_at_256 = 256 × wasm_single_s ÷ the native prove_s of 256.
 *
 *   BENCH_BATCHES=1,16,64,256 BENCH_WASM_RUNS=3 PROVING_SCALE=10 MODEL_PATH=models/operator-risk.onnx
 * Last line: one JSON object.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { simulateFeatureBatch } from "../src/model/index.js";
import {
  buildRiskCircuit,
  generateDevSrs,
  MAX_LOGROWS,
  parseSettingsJson,
  proveBatch,
  verifyBatch,
  type Prover,
  type ProveBatchReturnType,
} from "../src/proving/index.js";

const MODEL_PATH = process.env.MODEL_PATH ?? "models/operator-risk.onnx";
const BATCHES = (process.env.BENCH_BATCHES ?? "1,16,64,256").split(",").map(Number);
const WASM_RUNS = Number(process.env.BENCH_WASM_RUNS ?? 3);
const SCALE = Number(process.env.PROVING_SCALE ?? 10);

if (!existsSync(MODEL_PATH))
  throw new Error(`${MODEL_PATH} not found: train it first (npm run train)`);
const { features } = simulateFeatureBatch({ seed: 7, operators: Math.max(...BATCHES, 1) });
const operators = features.map((f) => [...f.values]);
const cacheDir = path.join(".cache", "bench-proving");
const log = (line: string) => console.log(`[bench:prove] ${line}`);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

type Row = {
  operators: number;
  prover: Prover;
  prove_s: number;
  verify_s: number;
  peak_rss_mb: number;
  per_operator_s: number;
  logrows: number;
  proofs: number;
  keygen_s: number | null;
  keygen_peak_rss_mb: number | null;
};
const batches: Row[] = [];
log(`${MODEL_PATH}: ${operators[0].length} features, scale ${SCALE}`);

/** A proof's time without key generation: SRS load and checks, witness and proof. */
const proveSeconds = (r: ProveBatchReturnType) => r.durationSeconds - (r.keygen?.seconds ?? 0);

async function measure(B: number, prover: Prover, runs: number): Promise<Row> {
  const circuit = buildRiskCircuit({
    modelPath: MODEL_PATH,
    batchSize: B,
    scale: SCALE,
    maxLogrows: MAX_LOGROWS[prover],
  });
  const k = parseSettingsJson(circuit.settingsJson).run_args.logrows;
  const srsPath = (await generateDevSrs({ k, nodeEnv: "development" })).path;
  const batch = operators.slice(0, B);
  log(`${prover} B=${B}: logrows ${k}, ${runs} proof(s)…`);
  const results: ProveBatchReturnType[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(
      await proveBatch({ compiled: circuit.compiled, features: batch, srsPath, cacheDir, prover }),
    );
    log(
      `${prover} B=${B}: proof ${i + 1}/${runs} in ${proveSeconds(results.at(-1)!).toFixed(1)} s`,
    );
  }
  const prove_s = median(results.map(proveSeconds));
  const chosen = results.find((r) => proveSeconds(r) === prove_s)!;
  const t = performance.now();
  const verified = await verifyBatch({
    proof: chosen.proof,
    vk: chosen.vk,
    settingsJson: chosen.settingsJson,
    srsPath,
    features: batch,
    expectedModelHash: chosen.modelHash,
  });
  const verify_s = (performance.now() - t) / 1000;
  if (verified.scores.length !== B)
    throw new Error(`verify returned ${verified.scores.length} scores for ${B} operators`);
  const keygen = results.find((r) => r.keygen)?.keygen ?? null;
  const row: Row = {
    operators: B,
    prover,
    prove_s: round(prove_s, 1),
    verify_s: round(verify_s),
    peak_rss_mb: Math.round(Math.max(...results.map((r) => r.proofPeakRssMb))),
    per_operator_s: round(prove_s / B, 3),
    logrows: k,
    proofs: 1,
    keygen_s: keygen ? round(keygen.seconds, 1) : null,
    keygen_peak_rss_mb: keygen ? Math.round(keygen.peakRssMb) : null,
  };
  log(
    `${prover} B=${B}: prove ${results.map((r) => proveSeconds(r).toFixed(1)).join(" / ")} s, verify ${verify_s.toFixed(2)} s, peak RSS ${row.peak_rss_mb} MB` +
      (keygen
        ? `; keys ${keygen.seconds.toFixed(0)} s, peak RSS ${Math.round(keygen.peakRssMb)} MB`
        : "; keys cached"),
  );
  return row;
}

const reference = await measure(1, "wasm", WASM_RUNS);
batches.push(reference);
for (const B of BATCHES) batches.push(await measure(B, "native", 1));

const wasm_single_s = reference.prove_s;
const native256 = batches.find((b) => b.prover === "native" && b.operators === 256) ?? null;
const peaks = batches.flatMap((b) => [b.peak_rss_mb, b.keygen_peak_rss_mb ?? 0]);
console.log(
  JSON.stringify({
    batches,
    wasm_single_s,
    native_per_operator_s_at_256: native256?.per_operator_s ?? null,
    speedup_at_256: native256 ? round((256 * wasm_single_s) / native256.prove_s) : null,
    max_peak_rss_mb: Math.max(...peaks),
    model: MODEL_PATH,
    scale: SCALE,
  }),
);
