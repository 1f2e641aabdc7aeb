import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "./evaluate.js";

describe("evaluate", () => {
  it("AUROC, Brier and calibration by hand", () => {
    // Pairs (pos, neg): (0.8 > 0.3) (0.8 > 0.1) (0.3 = 0.3: half) (0.3 > 0.1) → 3.5 of 4.
    const m = evaluate({ p: [0.8, 0.3, 0.3, 0.1], y: [1, 1, 0, 0] });
    assert.equal(m.auroc, 3.5 / 4);
    assert.ok(Math.abs(m.brier - (0.04 + 0.49 + 0.09 + 0.01) / 4) < 1e-12);
    const bin = m.calibration.find((b) => b.from === 0.2)!;
    assert.equal(bin.count, 2);
    assert.equal(bin.observedRate, 0.5);
  });
  it("weights count like repeated samples", () => {
    const weighted = evaluate({ p: [0.9, 0.2, 0.4], y: [1, 0, 1], w: [2, 1, 1] });
    const repeated = evaluate({ p: [0.9, 0.9, 0.2, 0.4], y: [1, 1, 0, 1] });
    assert.ok(Math.abs(weighted.brier - repeated.brier) < 1e-12);
    assert.equal(weighted.auroc, repeated.auroc);
  });
  it("a perfect ranking has AUROC 1, a reversed one 0", () => {
    assert.equal(evaluate({ p: [0.9, 0.1], y: [1, 0] }).auroc, 1);
    assert.equal(evaluate({ p: [0.1, 0.9], y: [1, 0] }).auroc, 0);
  });
});
