import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FEATURE_COUNT, FEATURE_NAMES } from "../features/index.js";
import type { Sample } from "./buildTrainingSet.js";
import { calibrationCurve } from "./calibrationCurve.js";
import { measureSeed } from "./evaluateFreshSeeds.js";
import { createRandom } from "./random.js";

describe("fresh-seed measures", () => {
  it("ECE is near 0 for calibrated probabilities and large for doubled ones; the CI covers the rate", () => {
    const rng = createRandom(31);
    const p = Array.from({ length: 40_000 }, () => rng.float() * 0.2);
    const y = p.map((q) => (rng.float() < q ? 1 : 0));
    const good = calibrationCurve({ p, y });
    assert.ok(good.ece < 0.01, `calibrated ECE ${good.ece}`);
    assert.ok(good.points.length >= 4);
    for (const b of good.points) assert.ok(b.ciLow <= b.observedRate && b.observedRate <= b.ciHigh);
    const bad = calibrationCurve({ p: p.map((q) => 2 * q), y });
    assert.ok(bad.ece > 0.04, `doubled ECE ${bad.ece}`);
  });

  it("finds the informative single feature, scores slashings separately and counts their effective size", () => {
    const rng = createRandom(32);
    const f = FEATURE_NAMES.indexOf("head_miss_log_7d");
    const samples: Sample[] = Array.from({ length: 2_000 }, (_, i) => {
      const features = Array.from({ length: FEATURE_COUNT }, () => rng.float());
      const label = rng.float() < features[f] * 0.2 ? 1 : 0;
      const slashed = label === 1 && i % 4 === 0;
      return {
        operatorId: `o${i}`,
        atEpoch: 0,
        features,
        label,
        weight: slashed ? 0.5 : 1,
        slashed,
      };
    });
    const r = measureSeed({ seed: 1, samples, p: samples.map((s) => s.features[f] * 0.2) });
    assert.equal(r.best_single_feature, "head_miss_log_7d");
    assert.ok(Math.abs(r.best_single_feature_auroc - r.model_auroc) < 1e-12);
    const slashedCount = samples.filter((s) => s.slashed).length;
    assert.ok(slashedCount > 10);
    // Equal weights: the effective size is the count.
    assert.ok(Math.abs(r.slashing_effective_n - slashedCount) < 1e-9);
    assert.ok(r.ece < 0.03, `ECE ${r.ece}`);
  });
});
