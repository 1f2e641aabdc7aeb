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
  const cornerAlong = (direction: ArrayLike<number>) => {
    corners.push(FEATURE_SPECS.map((s, i) => (direction[i] > 0 ? s.hi : s.lo)));
    corners.push(FEATURE_SPECS.map((s, i) => (direction[i] > 0 ? s.lo : s.hi)));
  };
  const linears = graph.layers.filter((l) => l.kind === "linear");
  const first = linears[0];
  if (first && first.kind === "linear") {
    // Weight rows are [out][in]: the corner maximising unit j takes hi where w_ji > 0, lo elsewhere.
    const row = (j: number) =>
      first.weight.subarray(j * first.inFeatures, (j + 1) * first.inFeatures);
    for (let j = 0; j < first.outFeatures; j++) cornerAlong(row(j));
    // With one hidden layer the output's extremes lie where some set of hidden units is active:
    // the corner along Σ_{j in the set} v_j·w_j for every set (2^units, 256 for 8), so a fully
    // offline operator's logit is inside the Sigmoid table too, not only each unit's extremes.
    const second = linears[1];
    if (linears.length === 2 && second.kind === "linear" && first.outFeatures <= 12) {
      for (let set = 1; set < 1 << first.outFeatures; set++) {
        const direction = new Float64Array(first.inFeatures);
        for (let j = 0; j < first.outFeatures; j++) {
          if (!(set & (1 << j))) continue;
          const w = row(j);
          for (let i = 0; i < first.inFeatures; i++) direction[i] += second.weight[j] * w[i];
        }
        cornerAlong(direction);
      }
    }
  }
  // The zero row stands for an operator without data in a report (createReports): always proven.
  corners.push(FEATURE_SPECS.map(() => 0));
  return buildCircuit({
    onnx,
    batchSize,
    scale,
    samples: [...realistic, ...corners],
    ...(maxLogrows !== undefined && { maxLogrows }),
  });
}
