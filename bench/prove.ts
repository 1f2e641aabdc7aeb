/**
 * `npm run bench:prove`: proves batches of 1, 16, 64 and 256 operators with the risk model
 * (models/operator-risk.onnx, or a representative 20→16→1 MLP when it does not exist yet) and
 * compares each with B × the single-operator proof time measured in the same run. Batches whose
 * circuit exceeds MAX_LOGROWS (the 32-bit engine's 4 GiB ceiling) are reported as skipped.
 * Last line: one JSON object.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildMlpOnnx } from "../src/proving/buildMlpOnnx.js";
import { calibrate, CircuitTooLargeError, generateDevSrs, parseOnnxMlp, proveBatch, verifyBatch } from "../src/proving/index.js";

const MODEL_PATH = "models/operator-risk.onnx";
const MAX_LOGROWS = Number(process.env.BENCH_MAX_LOGROWS ?? 17);
const BATCHES = (process.env.BENCH_BATCHES ?? "1,16,64,256").split(",").map(Number);
const SCALE = 10;

let seed = 42;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;

const { onnx, model } = existsSync(MODEL_PATH)
  ? { onnx: new Uint8Array(readFileSync(MODEL_PATH)), model: MODEL_PATH }
  : (() => {
      const F = 20;
      const H = 16;
      const layers = [
        { inFeatures: F, outFeatures: H, weight: Float32Array.from({ length: F * H }, () => rnd() * 0.4), bias: Float32Array.from({ length: H }, () => rnd() * 0.1) },
        { inFeatures: H, outFeatures: 1, weight: Float32Array.from({ length: H }, () => rnd() * 0.4), bias: Float32Array.from([-1]) },
      ];
      return { onnx: buildMlpOnnx({ layers }), model: "representative MLP 20→16 Relu→1 Sigmoid (models/operator-risk.onnx absent)" };
    })();
const graph = parseOnnxMlp({ onnx });
const operators = Array.from({ length: Math.max(...BATCHES) }, () => Array.from({ length: graph.features }, () => rnd()));

type Row = { operators: number; prove_s: number | null; verify_s: number | null; peak_rss_mb: number | null; per_operator_s: number | null; logrows?: number; skipped?: string };
const batches: Row[] = [];
for (const B of BATCHES) {
  let calibrated;
  try {
    calibrated = calibrate({ model: graph, batchSize: B, samples: operators, scale: SCALE, maxLogrows: MAX_LOGROWS });
  } catch (error) {
    if (!(error instanceof CircuitTooLargeError)) throw error;
    batches.push({ operators: B, prove_s: null, verify_s: null, peak_rss_mb: null, per_operator_s: null, skipped: error.shortMessage });
    console.log(`B=${B}: skipped (${error.shortMessage})`);
    continue;
  }
  const { settings, compiled } = calibrated;
  const k = settings.run_args.logrows;
  const srsPath = (await generateDevSrs({ k, nodeEnv: "development" })).path;
  const cacheDir = path.join(".cache", "bench-proving");
  const features = operators.slice(0, B);
  // Key generation is a one-off per circuit (cached); time the proof itself on a warm cache.
  await proveBatch({ compiled, features, srsPath, cacheDir });
  const r = await proveBatch({ compiled, features, srsPath, cacheDir });
  const t = performance.now();
  await verifyBatch({ proof: r.proof, vk: r.vk, settingsJson: r.settingsJson, srsPath, features, expectedModelHash: r.modelHash });
  const verify_s = (performance.now() - t) / 1000;
  batches.push({ operators: B, prove_s: r.durationSeconds, verify_s, peak_rss_mb: Math.round(r.peakRssMb), per_operator_s: r.durationSeconds / B, logrows: k });
  console.log(`B=${B}: logrows ${k}, prove ${r.durationSeconds.toFixed(1)} s, verify ${verify_s.toFixed(2)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
}
const single = batches.find((b) => b.operators === 1)?.prove_s ?? null;
const b256 = batches.find((b) => b.operators === 256)?.prove_s ?? null;
const speedup_at_256 = single !== null && b256 !== null ? (256 * single) / b256 : null;
console.log(JSON.stringify({ model, scale: SCALE, max_logrows: MAX_LOGROWS, batches, reference: "B × single-operator prove_s", speedup_at_256 }));
