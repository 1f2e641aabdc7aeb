/** The train command's pieces: its training data, the candidate and its shipping rule, the card refresh. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { FEATURE_NAMES } from "../features/index.js";
import { buildTrainingSet } from "./buildTrainingSet.js";
import type { FreshSeedResult } from "./evaluateFreshSeeds.js";
import { FRESH_SEEDS, MAX_FRESH_SEED_ECE, VALIDATION_SEEDS } from "./evaluateFreshSeeds.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { evaluateHead } from "./fitShortfallHead.js";
import { labelledTrainingData } from "./labelledTrainingData.js";
import { predictMlp } from "./mlp.js";
import type { ModelCard } from "./modelCard.js";
import { refreshFreshSeeds } from "./refreshFreshSeeds.js";
import { simulatedTrainingData } from "./simulatedTrainingData.js";
import { trainCandidate } from "./trainCandidate.js";

describe("training data, candidate and card refresh", () => {
  it("simulates one timeline per seed, operators split between them", () => {
    const messages: string[] = [];
    const training = simulatedTrainingData({
      seed: 40,
      operators: 8,
      timelines: 2,
      onProgress: (m) => messages.push(m),
    });
    const alone = [40, 41].map(
      (seed, k) =>
        buildTrainingSet({ seed, operators: 4, operatorIdPrefix: `sim${k}` }).samples.length,
    );
    assert.equal(training.samples.length, alone[0] + alone[1]);
    assert.deepEqual(
      new Set(training.samples.map((s) => s.operatorId.split("-")[0])),
      new Set(["sim0", "sim1"]),
    );
    assert.match(training.provenance.training_data, /^simulator:.*:seeds=40\+41:operators=8$/);
    assert.equal(training.data.samples, training.samples.length);
    assert.match(messages[0], /^simulating 8 operators .* seeds 40, 41,/);
    assert.match(messages.at(-1)!, new RegExp(`^built ${training.samples.length} samples`));
  });

  it("reads labelled data, naming the file only", () => {
    const header = [
      "operator_id",
      "at_epoch",
      "label",
      "future_shortfall_bps",
      ...FEATURE_NAMES,
    ].join(",");
    const row = (id: string, label: number) =>
      [id, 100, label, label * 5, ...FEATURE_NAMES.map(() => 0)].join(",");
    const training = labelledTrainingData({
      csv: [header, row("a", 1), row("b", 0), row("c", 0)].join("\n"),
      fileName: "labels.csv",
    });
    assert.equal(training.samples.length, 3);
    assert.deepEqual(training.data, {
      source: "labelled CSV labels.csv",
      samples: 3,
      positives: 1,
    });
    assert.deepEqual(training.provenance, { training_data: "csv:labels.csv" });
  });

  it("ships labelled data on the archetype gate, a simulated model also on its fresh-seed verdict", () => {
    const training = simulatedTrainingData({ seed: 7, operators: 30, timelines: 1 });
    const labelled = trainCandidate({
      training,
      seed: 1,
      hidden: [],
      epochs: 2,
      reproduce: "r",
      freshOperators: null,
    });
    // The shipped graph is the probability model, then its expected-shortfall head.
    const { network, head, shipped } = labelled.result;
    assert.equal(shipped.layers.length, network.layers.length + 2);
    const x = training.samples.slice(0, 50).map((s) => s.features);
    const p = predictMlp(network, x);
    const out = predictMlp(shipped, x);
    assert.equal(out.length, 50);
    for (let i = 0; i < 50; i++)
      assert.ok(Math.abs(out[i] * OUTPUT_UNIT_BPS - evaluateHead(head.layers, p[i])) < 1e-9);
    assert.deepEqual(labelled.card.shortfallHead, head.points);
    assert.match(labelled.card.output, /in units of 100 bp of stake/);
    // Labelled data has no fresh seeds: the archetype gate alone decides.
    assert.equal(labelled.card.archetypes?.checks.length, 6);
    assert.equal(labelled.ships, labelled.card.archetypes?.passes);
    assert.equal(labelled.card.fresh_seeds.length, 0);
    assert.match(labelled.modelSha256, /^[0-9a-f]{64}$/);
    const simulated = trainCandidate({
      training,
      seed: 1,
      hidden: [],
      epochs: 2,
      reproduce: "r",
      freshOperators: 6,
    });
    assert.equal(simulated.card.fresh_seeds.length, FRESH_SEEDS.length);
    // The card also holds the validation seeds the procedure was chosen on.
    assert.deepEqual(
      simulated.card.validation_seeds?.map((v) => v.seed),
      [...VALIDATION_SEEDS],
    );
    // Ships only when it beats the best single feature with ECE ≤ 0.02 on every fresh seed and
    // passes the archetype gate.
    assert.equal(
      simulated.ships,
      simulated.card.beatsBestSingleFeature &&
        simulated.card.fresh_seeds.every((f) => f.ece <= MAX_FRESH_SEED_ECE) &&
        simulated.card.archetypes?.passes,
    );
  });

  it("chooses on the validation seeds without looking at the fresh seeds", () => {
    const training = simulatedTrainingData({ seed: 7, operators: 30, timelines: 1 });
    const messages: string[] = [];
    const candidate = trainCandidate({
      training,
      seed: 1,
      hidden: [],
      epochs: 2,
      reproduce: "r",
      freshOperators: 6,
      validationOnly: true,
      onProgress: (m) => messages.push(m),
    });
    assert.equal(candidate.card.validation_seeds?.length, VALIDATION_SEEDS.length);
    assert.equal(candidate.card.fresh_seeds.length, 0);
    // No fresh seed is simulated or named (its numbers come from FRESH_SEEDS, whatever set it is).
    const fresh = (m: string) =>
      /fresh seeds/.test(m) || FRESH_SEEDS.some((seed) => m.includes(String(seed)));
    assert.ok(messages.length > VALIDATION_SEEDS.length, `${messages.length} messages`);
    assert.equal(messages.filter(fresh).length, 0);
    assert.equal(messages.filter((m) => /^seed 92/.test(m)).length, VALIDATION_SEEDS.length);
    assert.equal(candidate.card.archetypes?.checks.length, 6);
    assert.equal(candidate.ships, false);
  });

  it("refuses --validation-only with labelled data, which has no validation seeds", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/bin/train.ts", "--data", "labels.csv", "--validation-only"],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /--validation-only measures the simulator's validation seeds/);
  });

  it("refreshes a card's fresh seeds and verdict, filling what an older card lacks", () => {
    const previous = {
      name: "operator-risk",
      fresh_seeds: [],
      beatsBestSingleFeature: true,
    } as unknown as ModelCard;
    const seed = (model: number, best: number) =>
      ({ model_auroc: model, best_single_feature_auroc: best }) as FreshSeedResult;
    const card = refreshFreshSeeds({
      previous,
      contributionBaseline: [1, 2],
      freshSeeds: [seed(0.8, 0.7), seed(0.6, 0.65)],
      reproduce: "again",
      archetypes: { archetypes: [], populationP95: 0.1, checks: [], passes: false },
    });
    assert.equal(card.beatsBestSingleFeature, false);
    assert.equal(card.fresh_seeds.length, 2);
    assert.deepEqual(card.excludedFeatures, []);
    assert.deepEqual(card.contributionBaseline, [1, 2]);
    assert.equal(card.freshSeedsReproduce, "again");
    assert.equal(card.archetypes?.populationP95, 0.1);
    assert.equal(card.name, "operator-risk");
  });
});
