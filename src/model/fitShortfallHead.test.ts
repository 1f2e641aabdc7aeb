import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEAD_PARAMETER_GRID, evaluateHead, fitShortfallHead } from "./fitShortfallHead.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { predictMlp } from "./mlp.js";
import { createRandom } from "./random.js";

describe("fitShortfallHead", () => {
  const rng = createRandom(7);
  const n = 20_000;
  // Most operators at small p, a tail up to 0.9; E[shortfall | p] = 0.2 + 30 p bp.
  const p = Array.from({ length: n }, () => Math.min(0.9, rng.float() ** 4));
  const truth = (x: number) => 0.2 + 30 * x;
  // Multiplicative noise keeps the conditional mean (no clipping at 0 bp).
  const shortfall = p.map((x) => truth(x) * 2 * rng.float());
  const w = p.map(() => 0.5 + rng.float());
  const head = fitShortfallHead({ p, shortfallBps: shortfall, w });

  it("follows the conditional mean where the data are", () => {
    let checked = 0;
    for (const x of [0.001, 0.01, 0.05, 0.2, 0.5]) {
      const got = evaluateHead(head.layers, x);
      assert.ok(
        Math.abs(got - truth(x)) < 0.15 * truth(x) + 0.3,
        `h(${x}) = ${got} vs ${truth(x)}`,
      );
      checked++;
    }
    assert.equal(checked, 5);
  });

  it("is strictly increasing from p = 0 to 1 and stays within the output unit", () => {
    assert.ok(head.points.length >= 4, `${head.points.length} points`);
    assert.equal(head.points[0].p, 0);
    assert.equal(head.points[head.points.length - 1].p, 1);
    let previous = -Infinity;
    let steps = 0;
    for (let i = 0; i <= 1000; i++) {
      const v = evaluateHead(head.layers, i / 1000);
      assert.ok(v > previous, `h(${i / 1000}) = ${v} not above ${previous}`);
      previous = v;
      steps++;
    }
    assert.equal(steps, 1001);
    assert.ok(previous <= OUTPUT_UNIT_BPS);
  });

  it("holds its parameters on the circuit's grid", () => {
    const onGrid = (v: number) =>
      Math.abs(v / HEAD_PARAMETER_GRID - Math.round(v / HEAD_PARAMETER_GRID)) < 1e-9;
    const [hinge, sum] = head.layers;
    const values = [...hinge.bias, ...sum.weights, ...sum.bias];
    assert.equal(values.length, 2 * hinge.outputs + 1);
    for (const v of values) assert.ok(onGrid(v), `${v} is off the grid`);
  });

  it("pools a segment whose mean falls below the one before", () => {
    // Shortfall falls with p in the middle: isotonic regression must flatten it, not follow it.
    const q = Array.from({ length: 4000 }, (_, i) => i / 4000);
    const y = q.map((x) => (x > 0.45 && x < 0.7 ? 1 : 10 * x));
    const fitted = fitShortfallHead({ p: q, shortfallBps: y, w: q.map(() => 1) });
    for (let i = 1; i < fitted.points.length; i++)
      assert.ok(fitted.points[i].bps > fitted.points[i - 1].bps, JSON.stringify(fitted.points));
  });

  it("composes with the probability model as one network", () => {
    const model = {
      layers: [
        {
          inputs: 2,
          outputs: 1,
          weights: Float64Array.of(1.5, -0.5),
          bias: Float64Array.of(-2),
          activation: "sigmoid" as const,
        },
      ],
    };
    const x = [
      [0, 0],
      [1, 1],
      [3, -1],
    ];
    const probabilities = predictMlp(model, x);
    const composed = predictMlp({ layers: [...model.layers, ...head.layers] }, x);
    assert.equal(composed.length, 3);
    for (let i = 0; i < 3; i++) {
      const expected = evaluateHead(head.layers, probabilities[i]);
      assert.ok(Math.abs(composed[i] * OUTPUT_UNIT_BPS - expected) < 1e-9);
    }
  });

  it("refuses misaligned columns", () => {
    assert.throws(() => fitShortfallHead({ p: [0.1], shortfallBps: [], w: [1] }), /aligned/);
  });
});
