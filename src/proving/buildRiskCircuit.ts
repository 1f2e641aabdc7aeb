/**
 * Builds the risk model's batch circuit for circuits/: calibrated on simulated operators (the
 * training simulator's realistic spread) plus the corners of the feature box that push each
 * first-layer unit to its extremes, so every input src/features can produce stays inside the
 * circuit's lookup range (features are bounded by definition, see FEATURE_SPECS).
 */
import { readFileSync } from "node:fs";
import { FEATURE_SPECS } from "../features/index.js";
import { simulateFeatureBatch } from "../model/index.js";
import { parseOnnxMlp } from "../onnx/index.js";
import { buildCircuit, type Circuit } from "./circuitFiles.js";

export type BuildRiskCircuitParameters = {
  modelPath: string;
  batchSize: number;
  scale: number;
  simulatedOperators?: number;
  seed?: number;
  /** Ceiling on logrows: MAX_LOGROWS[prover] (the WASM engine's 16 unless the native prover runs). */
  maxLogrows?: number;
};

export type BuildRiskCircuitReturnType = Circuit;

export function buildRiskCircuit({
  modelPath,
  batchSize,
  scale,
  simulatedOperators = 1024,
  seed = 20_261_121,
  maxLogrows,
}: BuildRiskCircuitParameters): BuildRiskCircuitReturnType {
  const onnx = new Uint8Array(readFileSync(modelPath));
  const graph = parseOnnxMlp({ onnx });
  const realistic = simulateFeatureBatch({ seed, operators: simulatedOperators }).features.map(
    (f) => f.values,
  );
  const corners: number[][] = [];
  const first = graph.layers.find((l) => l.kind === "linear");
  if (first && first.kind === "linear") {
    // Weight rows are [out][in]: the corner maximising unit j takes hi where w_ji > 0, lo elsewhere.
    for (let j = 0; j < first.outFeatures; j++) {
      const w = first.weight.subarray(j * first.inFeatures, (j + 1) * first.inFeatures);
      corners.push(FEATURE_SPECS.map((s, i) => (w[i] > 0 ? s.hi : s.lo)));
      corners.push(FEATURE_SPECS.map((s, i) => (w[i] > 0 ? s.lo : s.hi)));
    }
  }
  return buildCircuit({
    onnx,
    batchSize,
    scale,
    samples: [...realistic, ...corners],
    ...(maxLogrows !== undefined && { maxLogrows }),
  });
}
