import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRandom, type Mlp } from "../model/index.js";
import { featureContributions } from "./featureContributions.js";
import { exportOnnx, parseOnnxModel } from "../onnx/index.js";

const layer = (
  rng: ReturnType<typeof createRandom>,
  inputs: number,
  outputs: number,
  activation: "relu" | "sigmoid",
) => ({
  inputs,
  outputs,
  weights: Float64Array.from({ length: inputs * outputs }, () => rng.normal() * 0.5),
  bias: Float64Array.from({ length: outputs }, () => rng.normal() * 0.1),
  activation,
});

describe("feature contributions", () => {
  it("are exactly wᵢ·(xᵢ − baselineᵢ) for a logistic model and sum to the logit difference", () => {
    const rng = createRandom(21);
    const mlp: Mlp = { layers: [layer(rng, 6, 1, "sigmoid")] };
    const model = parseOnnxModel(exportOnnx({ mlp, metadata: {} }));
    const baseline = [0.1, -0.2, 0.3, 0, 0.5, -1];
    const x = [1, 0.4, -0.7, 2, 0, -0.5];
    const { baselineLogit, rows } = featureContributions({ model, features: [x], baseline });
    assert.equal(rows.length, 1);
    const w = mlp.layers[0].weights; // [inputs × outputs], one output
    assert.equal(rows[0].contributions.length, x.length, "one contribution per feature");
    for (const [i, c] of rows[0].contributions.entries())
      assert.ok(
        Math.abs(c - w[i] * (x[i] - baseline[i])) < 1e-6,
        `feature ${i}: ${c} vs ${w[i] * (x[i] - baseline[i])}`,
      );
    const sum = rows[0].contributions.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - (rows[0].logit - baselineLogit)) < 1e-6);
  });

  it("approximately complete the logit difference for an MLP (integrated gradients)", () => {
    const rng = createRandom(22);
    const mlp: Mlp = { layers: [layer(rng, 5, 8, "relu"), layer(rng, 8, 1, "sigmoid")] };
    const model = parseOnnxModel(exportOnnx({ mlp, metadata: {} }));
    const baseline = [0, 0, 0, 0, 0];
    const xs = [
      [1, -1, 0.5, 2, -0.3],
      [-2, 0.2, 1, 0, 1.5],
    ];
    const { baselineLogit, rows } = featureContributions({
      model,
      features: xs,
      baseline,
      steps: 64,
    });
    assert.equal(rows.length, 2);
    for (const r of rows) {
      const sum = r.contributions.reduce((a, b) => a + b, 0);
      const diff = r.logit - baselineLogit;
      assert.ok(Math.abs(sum - diff) < 0.02 * Math.max(1, Math.abs(diff)), `${sum} vs ${diff}`);
    }
  });
});
