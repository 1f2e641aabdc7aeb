/**
 * `npm run bench:score`: scores 10,000 operators from feature vectors with the library path
 * (validation, tensor packing, onnxruntime, grades) and, as the reference in the same run,
 * onnxruntime inference alone on the same prepared batch. The vectors come from the simulator
 * (30 days of history per operator); the last line is JSON.
 *   OPERATORS=10000 ROUNDS=30 MODEL_PATH=models/operator-risk.onnx
 */
import ort from "onnxruntime-node";
import { simulateFeatureBatch } from "../src/model/index.js";
import { createScorer, loadModel } from "../src/scoring/index.js";

const operators = Number(process.env.OPERATORS ?? 10_000);
const rounds = Number(process.env.ROUNDS ?? 30);
const modelPath = process.env.MODEL_PATH ?? "models/operator-risk.onnx";

const t0 = performance.now();
const { features } = simulateFeatureBatch({
  seed: 7,
  operators,
  onProgress: (done, total) => {
    if (done % 2000 === 0)
      console.log(
        `[bench] simulated ${done}/${total} operators (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
  },
});

const scorer = await createScorer({ modelPath });
const model = loadModel({ modelPath });
const session = await ort.InferenceSession.create(model.bytes, {
  executionProviders: ["cpu"],
  graphOptimizationLevel: "all",
});
const width = model.featureNames.length;
const packed = new Float32Array(features.length * width);
for (const [i, f] of features.entries()) packed.set(f.values, i * width);
const tensor = new ort.Tensor("float32", packed, [features.length, width]);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const score: number[] = [];
const infer: number[] = [];
let above = 0;
// Warm-up, then interleaved rounds so both measurements see the same machine load.
await scorer.scoreOperators(features);
await session.run({ [model.parsed.inputName]: tensor });
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  const scores = await scorer.scoreOperators(features);
  score.push((performance.now() - t) / 1000);
  above = scores.filter((s) => s.scoreBps >= 10).length;
  t = performance.now();
  await session.run({ [model.parsed.inputName]: tensor });
  infer.push((performance.now() - t) / 1000);
}
await scorer.release();
await session.release();
const scoreS = median(score);
const inferS = median(infer);
console.log(
  `[bench] model ${model.modelHash.slice(0, 12)}… (${model.parsed.metadata.model_kind}), ${operators} operators, ${rounds} rounds (median); ${above} operators ≥ 10 bp expected loss`,
);
console.log(
  JSON.stringify({
    operators,
    score_s: Number(scoreS.toFixed(6)),
    infer_s: Number(inferS.toFixed(6)),
    ratio: Number((scoreS / inferS).toFixed(2)),
  }),
);
