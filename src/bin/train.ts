/**
 * `npm run train [-- --data FILE] [--operators N] [--seed S] [--epochs E] [--hidden 16,8] [--kind mlp|logistic] [--out models/operator-risk] [--validation-only]`
 * Trains the operator risk model on simulated operators (default) or on a labelled CSV (see
 * parseLabelledCsv for the format), writes <out>.onnx, <out>.card.json and <out>.card.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  archetypeGate,
  evaluateFreshSeeds,
  FRESH_SEEDS,
  labelledTrainingData,
  refreshFreshSeeds,
  renderModelCardMarkdown,
  simulatedTrainingData,
  trainCandidate,
  type ModelCard,
} from "../model/index.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { loadModel, referenceForward } from "../scoring/index.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    operators: { type: "string", default: "3000" },
    seed: { type: "string", default: "20250101" },
    epochs: { type: "string", default: "60" },
    hidden: { type: "string", default: "8" },
    /** mlp or logistic: the model chosen on the validation seeds (docs/model.md); simulated data only. */
    kind: { type: "string", default: "mlp" },
    "train-seeds": { type: "string", default: "8" },
    "fresh-operators": { type: "string", default: "6000" },
    out: { type: "string", default: "models/operator-risk" },
    /**
     * Evaluate the model already at <out>.onnx on the fresh seeds and the archetype gate (against
     * the training population, simulated again from --operators, --seed, --train-seeds) and rewrite
     * its card; no training.
     */
    evaluate: { type: "boolean", default: false },
    /**
     * Train and measure on the validation seeds and the archetype gate only, writing nothing: how
     * the model kind is chosen before a candidate sees the fresh seeds. Simulated data only.
     */
    "validation-only": { type: "boolean", default: false },
  },
});
// Labelled data has no validation seeds: the flag would measure nothing.
if (values["validation-only"] && values.data)
  throw new Error("--validation-only measures the simulator's validation seeds: not with --data");
const seed = Number(values.seed);
const log = (m: string) => console.log(`[train] ${m}`);
const started = performance.now();

if (values.evaluate) {
  const modelPath = `${values.out}.onnx`;
  const model = loadModel({ modelPath });
  log(
    `evaluating ${modelPath} (sha256 ${model.modelHash}) on fresh seeds ${FRESH_SEEDS.join(", ")} (${values["fresh-operators"]} operators each)`,
  );
  // The probability is the graph's inner value; its output is the expected shortfall / 100 bp.
  const probability = (x: number[][]) =>
    referenceForward({
      model: model.parsed,
      input: x.flat(),
      rows: x.length,
      output: model.probabilityOutput,
    });
  const freshSeeds = evaluateFreshSeeds({
    predict: probability,
    predictShortfallBps: (x) =>
      Float64Array.from(
        referenceForward({ model: model.parsed, input: x.flat(), rows: x.length }),
        (v) => v * OUTPUT_UNIT_BPS,
      ),
    operators: Number(values["fresh-operators"]),
    onProgress: log,
  });
  // The gate's percentile is the training population's: simulated again from the training arguments.
  const population = simulatedTrainingData({
    seed,
    operators: Number(values.operators),
    timelines: Number(values["train-seeds"]),
    onProgress: log,
  });
  const archetypes = archetypeGate({
    predict: probability,
    population: population.samples.map((s) => s.features),
  });
  const previous = JSON.parse(readFileSync(`${values.out}.card.json`, "utf8")) as ModelCard;
  const reproduce = `npm run train -- --evaluate --out ${values.out} --fresh-operators ${values["fresh-operators"]} --operators ${values.operators} --seed ${seed} --train-seeds ${values["train-seeds"]}`;
  const card = refreshFreshSeeds({
    previous,
    contributionBaseline: model.contributionBaseline,
    freshSeeds,
    reproduce,
    archetypes,
  });
  writeFileSync(`${values.out}.card.json`, `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(`${values.out}.card.md`, renderModelCardMarkdown(card));
  log(
    `rewrote ${values.out}.card.json and .card.md; beats the best single feature on every fresh seed: ${card.beatsBestSingleFeature ? "yes" : "NO"}; archetype gate: ${archetypes.archetypes.map((a) => `${a.name} ${a.score.toFixed(4)}`).join(", ")}, population p95 ${archetypes.populationP95.toFixed(4)}: ${archetypes.passes ? "passes" : "FAILS"}`,
  );
  process.exit(card.beatsBestSingleFeature && archetypes.passes ? 0 : 1);
}

const training = values.data
  ? labelledTrainingData({
      csv: readFileSync(values.data, "utf8"),
      fileName: path.basename(values.data),
    })
  : simulatedTrainingData({
      seed,
      operators: Number(values.operators),
      timelines: Number(values["train-seeds"]),
      onProgress: log,
    });

const hidden =
  values.hidden === "" || values.hidden === "0" ? [] : values.hidden!.split(",").map(Number);
const reproduce = values.data
  ? `npm run train -- --data ${path.basename(values.data)}`
  : `npm run train -- --operators ${values.operators} --seed ${seed} --train-seeds ${values["train-seeds"]} --epochs ${values.epochs} --hidden ${values.hidden} --kind ${values.kind} --fresh-operators ${values["fresh-operators"]}`;
const freshOperators = values.data ? null : Number(values["fresh-operators"]);
const { result, modelSha256, card, ships } = trainCandidate({
  training,
  seed,
  hidden,
  epochs: Number(values.epochs),
  kind: values.data ? undefined : values.kind === "logistic" ? "logistic" : "mlp",
  reproduce,
  freshOperators,
  validationOnly: values["validation-only"],
  onProgress: log,
});
if (values["validation-only"]) {
  const margins = (card.validation_seeds ?? []).map(
    (v) => v.model_auroc - v.best_single_feature_auroc,
  );
  log(
    `validation seeds only (nothing written): margins over the best single feature ${margins.map((m) => m.toFixed(4)).join(", ")}, smallest ${Math.min(...margins).toFixed(4)}; max ECE ${Math.max(...(card.validation_seeds ?? []).map((v) => v.ece)).toFixed(4)}`,
  );
  process.exit(0);
}

mkdirSync(path.dirname(values.out!), { recursive: true });
// A model that does not ship leaves the shipped files alone: its card goes beside them for inspection.
const out = ships ? values.out! : `${values.out}.rejected`;
writeFileSync(`${out}.onnx`, result.onnx);
writeFileSync(`${out}.card.json`, `${JSON.stringify(card, null, 2)}\n`);
writeFileSync(`${out}.card.md`, renderModelCardMarkdown(card));
const m = result.metrics;
log(
  `held-out AUROC/Brier: model ${m.model.auroc.toFixed(4)}/${m.model.brier.toFixed(5)}, logistic ${m.logistic.auroc.toFixed(4)}/${m.logistic.brier.toFixed(5)}, threshold rule ${m.thresholdRule.auroc.toFixed(4)}/${m.thresholdRule.brier.toFixed(5)}`,
);
log(
  `wrote ${out}.onnx (sha256 ${modelSha256}), .card.json, .card.md in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (!ships) {
  log(
    "NOT SHIPPED: the model did not beat the best single feature with an ECE ≤ 0.02 on every fresh seed, or failed the archetype gate (see the card's fresh_seeds and archetypes)",
  );
  process.exitCode = 1;
}
