import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FEATURE_COUNT, FEATURE_NAMES } from "../features/index.js";
import { archetypeGate } from "./archetypeGate.js";
import { archetypeOperators } from "./archetypeOperators.js";

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
    // Late heads per included attestation: downtime leaves them at the healthy operator's (the
    // network's rate), where ofv2 counted them per duty and read a month offline as no late head.
    const late = (name: string) => feature(byName[name], "late_head_per_included_log_30d");
    assert.ok(Math.abs(late("offline_7d") - late("healthy")) < 0.01);
    assert.ok(Math.abs(late("offline_30d") - late("healthy")) < 0.01);
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

  it("fails a model that reads latency alone: downtime does not move it", () => {
    const index = FEATURE_NAMES.indexOf("late_head_per_included_log_30d");
    const predict = (x: number[][]) => x.map((row) => 1 / (1 + Math.exp(-(row[index] + 2))));
    // 19 healthy operators and one with a late head vote in ten: the p95 is the slow one.
    const slow = byName.healthy.map((v, i) => (i === index ? -1 : v));
    const population = [...Array(19).fill(byName.healthy), slow];
    const gate = archetypeGate({ predict, population });
    const failed = gate.checks.filter((c) => !c.passes).map((c) => c.rule);
    assert.ok(failed.includes("offline_30d > population p95"), failed.join("; "));
    assert.ok(failed.includes("offline_7d > population p95"), failed.join("; "));
    assert.equal(gate.passes, false);
  });

  it("refuses an empty population", () => {
    assert.throws(
      () => archetypeGate({ predict: (x) => x.map(() => 0), population: [] }),
      /MODEL_TRAINING_DATA|training population/,
    );
  });
});
