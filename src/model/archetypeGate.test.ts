import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { FEATURE_COUNT, FEATURE_NAMES } from "../features/index.js";
import { loadModel, referenceForward } from "../scoring/index.js";
import { archetypeGate } from "./archetypeGate.js";
import { archetypeOperators } from "./archetypeOperators.js";
import { simulatedTrainingData } from "./simulatedTrainingData.js";

const feature = (values: number[], name: string) => values[FEATURE_NAMES.indexOf(name)];
const byName = Object.fromEntries(archetypeOperators().map((a) => [a.name, a.features]));

describe("archetype gate", () => {
  it("builds the named operators through src/features", () => {
    assert.deepEqual(Object.keys(byName).sort(), [
      "healthy",
      "lone_miss",
      "offline_1d",
      "offline_30d",
      "offline_7d",
    ]);
    for (const values of Object.values(byName)) assert.equal(values.length, FEATURE_COUNT);
    const shortfall7d = (name: string) => feature(byName[name], "eff_shortfall_log_7d");
    assert.ok(shortfall7d("offline_7d") > shortfall7d("offline_1d"));
    assert.ok(shortfall7d("offline_1d") > shortfall7d("healthy"));
    // An operator offline all month has no heads, so fewer late heads than a healthy one.
    assert.ok(
      feature(byName.offline_30d, "late_head_log_30d") <
        feature(byName.healthy, "late_head_log_30d"),
    );
    // Every proposal missed, shrunk toward the network by 4 duties: 22 of 26.
    assert.ok(feature(byName.offline_30d, "proposal_miss_30d") > 0.8);
    assert.equal(feature(byName.lone_miss, "validators_log"), Math.log10(2));
    // One missed epoch of a solo validator is not a peak of correlated misses.
    assert.equal(feature(byName.lone_miss, "max_missing_share_30d"), 0);
  });

  it("passes a model that reads downtime: the shortfalls", () => {
    const index = ["eff_shortfall_log_1d", "eff_shortfall_log_7d", "eff_shortfall_log_30d"].map(
      (n) => FEATURE_NAMES.indexOf(n),
    );
    const predict = (x: number[][]) =>
      x.map((row) => 1 / (1 + Math.exp(-(index.reduce((s, i) => s + row[i], 0) + 2))));
    // 19 healthy operators and one a day offline: the p95 is the day offline.
    const population = [...Array(19).fill(byName.healthy), byName.offline_1d];
    const gate = archetypeGate({ predict, population });
    assert.equal(gate.checks.length, 6);
    assert.equal(gate.checks.filter((c) => c.passes).length, 6);
    assert.equal(gate.passes, true);
    assert.equal(gate.populationP95, predict([byName.offline_1d])[0]);
  });

  it("fails the ofv2 MLP (sha256 ada993c0…) that scored a month offline as healthy", () => {
    const model = loadModel({
      modelPath: fileURLToPath(new URL("testdata/ofv2-mlp-nonmonotone.onnx", import.meta.url)),
    });
    const population = simulatedTrainingData({ seed: 20250101, operators: 80, timelines: 2 });
    const gate = archetypeGate({
      predict: (x) => referenceForward({ model: model.parsed, input: x.flat(), rows: x.length }),
      population: population.samples.map((s) => s.features),
    });
    const failed = gate.checks.filter((c) => !c.passes).map((c) => c.rule);
    assert.deepEqual(failed, ["offline_30d > population p95", "offline_30d > healthy"]);
    assert.equal(gate.passes, false);
    const score = Object.fromEntries(gate.archetypes.map((a) => [a.name, a.score]));
    assert.ok(score.offline_30d < 0.005, `offline_30d ${score.offline_30d}`);
  });

  it("refuses an empty population", () => {
    assert.throws(
      () => archetypeGate({ predict: (x) => x.map(() => 0), population: [] }),
      /MODEL_TRAINING_DATA|training population/,
    );
  });
});
