import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shortfallCalibration } from "./shortfallCalibration.js";

describe("shortfallCalibration", () => {
  it("compares the weighted mean predicted and realised shortfall per bin of the prediction", () => {
    // Bin 0–0.25: predicted 0.1 (w 1 and 3), realised 0 and 0.4 → mean 0.3.
    // Bin 4–8: predicted 5 (w 2), realised 3. Bin 100 (the last edge) is inclusive.
    const r = shortfallCalibration({
      predictedBps: [0.1, 0.1, 5, 100],
      realisedBps: [0, 0.4, 3, 100],
      w: [1, 3, 2, 2],
    });
    assert.deepEqual(
      r.points.map((p) => [p.fromBps, p.toBps, p.count]),
      [
        [0, 0.25, 2],
        [4, 8, 1],
        [16, 100, 1],
      ],
    );
    const low = r.points[0];
    assert.ok(Math.abs(low.meanPredictedBps - 0.1) < 1e-12);
    assert.ok(Math.abs(low.meanRealisedBps - 0.3) < 1e-12);
    assert.ok(Math.abs(low.effectiveN - 16 / 10) < 1e-12);
    // Weighted sd √(0.12 − 0.09) = 0.1732; half-width 1.96 · sd / √1.6.
    const half = (1.96 * Math.sqrt(0.03)) / Math.sqrt(1.6);
    assert.ok(Math.abs(low.ciHighBps - (0.3 + half)) < 1e-12);
    assert.ok(Math.abs(low.ciLowBps - (0.3 - half)) < 1e-12);
    // Error: (4/8)·0.2 + (2/8)·2 + (2/8)·0 = 0.6 bp; means over all samples.
    assert.ok(Math.abs(r.calibrationErrorBps - 0.6) < 1e-12);
    assert.ok(Math.abs(r.meanPredictedBps - (0.4 + 10 + 200) / 8) < 1e-12);
    assert.ok(Math.abs(r.meanRealisedBps - (1.2 + 6 + 200) / 8) < 1e-12);
  });
});
