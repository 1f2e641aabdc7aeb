/**
 * `npm run train [-- --data FILE] [--operators N] [--seed S] [--epochs E] [--hidden 16,8] [--out models/operator-risk]`
 * Trains the operator risk model on simulated operators (default) or on a labelled CSV (see
 * parseLabelledCsv for the format), writes <out>.onnx, <out>.card.json and <out>.card.md.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildModelCard, buildTrainingSet, parseLabelledCsv, renderModelCardMarkdown, SIMULATOR_VERSION, SLASHING_BOOST, trainRiskModel, type Sample } from "../model/index.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    operators: { type: "string", default: "1500" },
    seed: { type: "string", default: "20250101" },
    epochs: { type: "string", default: "40" },
    hidden: { type: "string", default: "16" },
    out: { type: "string", default: "models/operator-risk" },
  },
});
const seed = Number(values.seed);
const log = (m: string) => console.log(`[train] ${m}`);
const started = performance.now();

let samples: Sample[];
let data: Record<string, unknown>;
let provenance: Record<string, string>;
if (values.data) {
  samples = parseLabelledCsv(readFileSync(values.data, "utf8"));
  data = { source: `labelled CSV ${path.basename(values.data)}`, samples: samples.length, positives: samples.filter((s) => s.label === 1).length };
  provenance = { training_data: `csv:${path.basename(values.data)}` };
} else {
  const operators = Number(values.operators);
  log(`simulating ${operators} operators (${SIMULATOR_VERSION}, seed ${seed}, 120 days, slashing boost ×${SLASHING_BOOST})`);
  const built = buildTrainingSet({
    seed,
    operators,
    onProgress: (done, total) => {
      if (done % Math.max(1, Math.floor(total / 10)) === 0) log(`simulated ${done}/${total} operators (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  samples = built.samples;
  data = {
    source: `simulator ${SIMULATOR_VERSION} (src/model/simulateOperator.ts), seed ${seed}`,
    operators,
    timelineDays: 120,
    snapshots: `${built.stats.snapshots} per operator (every 15 days from day 30), label = next 30 days`,
    samples: samples.length,
    positives: built.stats.positives,
    slashingPositives: built.stats.slashedPositives,
    slashingBoost: `×${SLASHING_BOOST}, undone by importance weights in training and metrics`,
    slashingIncidentsOnTimeline: built.stats.causes,
  };
  provenance = { training_data: `simulator:${SIMULATOR_VERSION}:seed=${seed}:operators=${operators}` };
  log(`built ${samples.length} samples, ${built.stats.positives} positive (${built.stats.slashedPositives} with a slashing)`);
}

const hidden = values.hidden === "" || values.hidden === "0" ? [] : values.hidden!.split(",").map(Number);
const result = trainRiskModel({ samples, seed, hidden, epochs: Number(values.epochs), provenance, onProgress: log });
const modelSha256 = createHash("sha256").update(result.onnx).digest("hex");
const reproduce = values.data ? `npm run train -- --data ${path.basename(values.data)}` : `npm run train -- --operators ${values.operators} --seed ${seed} --epochs ${values.epochs} --hidden ${values.hidden}`;
const card = buildModelCard({ result, modelSha256, data, reproduce });

mkdirSync(path.dirname(values.out!), { recursive: true });
writeFileSync(`${values.out}.onnx`, result.onnx);
writeFileSync(`${values.out}.card.json`, `${JSON.stringify(card, null, 2)}\n`);
writeFileSync(`${values.out}.card.md`, renderModelCardMarkdown(card));
const m = result.metrics;
log(`held-out AUROC/Brier: model ${m.model.auroc.toFixed(4)}/${m.model.brier.toFixed(5)}, logistic ${m.logistic.auroc.toFixed(4)}/${m.logistic.brier.toFixed(5)}, threshold rule ${m.thresholdRule.auroc.toFixed(4)}/${m.thresholdRule.brier.toFixed(5)}`);
log(`wrote ${values.out}.onnx (sha256 ${modelSha256}), .card.json, .card.md in ${((performance.now() - started) / 1000).toFixed(1)} s`);
