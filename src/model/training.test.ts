import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_SPECS,
  type OperatorEpochAggregate,
} from "../features/index.js";
import { ModelError } from "./errors.js";
import { evaluate } from "./evaluate.js";
import { foldScaling, inputScaling, scaleRows } from "./inputScaling.js";
import { featureSigns } from "./featureSigns.js";
import { predictMlp, trainMlp } from "./mlp.js";
import { trainRankingLogistic } from "./trainRankingLogistic.js";
import { parseLabelledCsv } from "./parseLabelledCsv.js";
import { createRandom } from "./random.js";
import { severeLoss } from "./severeLoss.js";

describe("training pieces", () => {
  it("an MLP learns a non-linear (XOR-like) rule that logistic regression cannot", () => {
    const rng = createRandom(5);
    const x = Array.from({ length: 2000 }, () => [rng.float() * 2 - 1, rng.float() * 2 - 1]);
    const y = x.map(([a, b]) => (a * b > 0 ? 1 : 0));
    const mlp = trainMlp({ x, y, hidden: [8], epochs: 60, seed: 1, learningRate: 0.01 });
    const logistic = trainMlp({ x, y, hidden: [], epochs: 60, seed: 1, learningRate: 0.01 });
    assert.ok(evaluate({ p: predictMlp(mlp, x), y }).auroc > 0.95);
    assert.ok(evaluate({ p: predictMlp(logistic, x), y }).auroc < 0.65);
  });

  it("sign constraints keep a collinear input from taking the opposite sign (a model that rewards misses)", () => {
    const rng = createRandom(7);
    // Two views of one miss rate: the noisier one (b) gets a negative weight unconstrained, as
    // head_miss_log_7d did beside the shortfalls; constrained it stays at ≥ 0.
    const x = Array.from({ length: 3000 }, () => {
      const a = rng.normal();
      return [a, 0.9 * a + 0.3 * rng.normal()];
    });
    const y = x.map(([a, b]) => (rng.float() < 1 / (1 + Math.exp(-(2 * a - 0.8 * b))) ? 1 : 0));
    const free = trainMlp({ x, y, hidden: [], epochs: 40, seed: 3, learningRate: 0.03 });
    const signed = trainMlp({
      x,
      y,
      hidden: [],
      epochs: 40,
      seed: 3,
      learningRate: 0.03,
      signs: [1, 1],
    });
    assert.ok(
      free.layers[0].weights[1] < -0.3,
      `unconstrained weight ${free.layers[0].weights[1]}`,
    );
    assert.equal(signed.layers[0].weights.length, 2);
    assert.ok(signed.layers[0].weights[0] > 0.5);
    assert.ok(signed.layers[0].weights[1] >= 0);
    assert.deepEqual(featureSigns().length, FEATURE_COUNT);
    assert.equal(featureSigns()[FEATURE_NAMES.indexOf("head_miss_log_7d")], 1);
  });

  it("a sign-constrained MLP is monotone in every signed input, even where the data are not", () => {
    const rng = createRandom(11);
    // Risk peaks at a middle value of input 0 and falls beyond it: an unconstrained MLP learns
    // the fall (a score that drops as misses grow, as the ofv2 MLP's did); input 2 is free.
    const x = Array.from({ length: 3000 }, () => [
      rng.float() * 8 - 4,
      rng.float() * 8 - 4,
      rng.float() * 8 - 4,
    ]);
    const y = x.map(([a, b, c]) =>
      rng.float() < 1 / (1 + Math.exp(-(3 - Math.abs(2 * a - 2) + b - c))) ? 1 : 0,
    );
    const train = (signs?: number[]) =>
      trainMlp({ x, y, hidden: [8], epochs: 30, seed: 4, learningRate: 0.01, signs });
    const decreases = (mlp: ReturnType<typeof trainMlp>, input: number) => {
      const probe = createRandom(12);
      let checked = 0;
      let count = 0;
      for (let i = 0; i < 300; i++) {
        const point = [0, 1, 2].map(() => probe.float() * 8 - 4);
        const further = point.map((v, k) => (k === input ? Math.min(4, v + 0.5) : v));
        const [p, q] = predictMlp(mlp, [point, further]);
        checked++;
        if (q < p - 1e-12) count++;
      }
      return { checked, count };
    };
    const free = train();
    assert.ok(decreases(free, 0).count > 30, `unconstrained: ${decreases(free, 0).count} falls`);
    const monotone = train([1, 1, 0]);
    for (const input of [0, 1]) {
      const { checked, count } = decreases(monotone, input);
      assert.equal(checked, 300);
      assert.equal(count, 0, `input ${input}: the score fell ${count} times as it rose`);
    }
    // Every layer after the first keeps non-negative weights; the free input is left free.
    assert.equal(monotone.layers.length, 2);
    assert.equal(monotone.layers[1].weights.filter((v) => v < 0).length, 0, "output-layer weights");
    assert.ok(
      monotone.layers[0].weights.some((v, i) => i % 3 === 2 && v < 0),
      "input 2 (sign 0) keeps a negative weight",
    );
  });

  it("the ranking logistic is deterministic, keeps its signs and ranks the bulk by its signal", () => {
    const rng = createRandom(8);
    // a carries the risk of the bulk; b is 0 except in 1% of samples, which are all positive:
    // log-loss leans on b to fit those, the pairwise loss keeps a's ordering for the rest.
    const x = Array.from({ length: 6000 }, () => [rng.normal(), rng.float() < 0.01 ? 4 : 0]);
    const y = x.map(([a, b]) => (b > 0 || rng.float() < 1 / (1 + Math.exp(-(2 * a - 4))) ? 1 : 0));
    const w = x.map(() => 1);
    const ranking = trainRankingLogistic({ x, y, w, steps: 400, seed: 1, signs: [1, 1] });
    assert.equal(ranking.layers[0].weights.length, 2);
    assert.equal(ranking.layers[0].bias[0], 0);
    const bulk = x.flatMap((r, i) => (r[1] === 0 ? [i] : []));
    const auroc = (p: ArrayLike<number>) =>
      evaluate({ p: bulk.map((i) => p[i]), y: bulk.map((i) => y[i]) }).auroc;
    assert.ok(bulk.length > 5000 && bulk.some((i) => y[i] === 1));
    assert.ok(auroc(predictMlp(ranking, x)) > 0.85, `${auroc(predictMlp(ranking, x))}`);
    assert.ok(ranking.layers[0].weights.every((v) => v >= 0));
    const again = trainRankingLogistic({ x, y, w, steps: 400, seed: 1, signs: [1, 1] });
    assert.deepEqual(again.layers[0].weights, ranking.layers[0].weights);
  });

  it("folding the input scaling into the first layer gives the same outputs on raw features", () => {
    const rng = createRandom(6);
    const mlp = trainMlp({
      x: [Array(FEATURE_COUNT).fill(0)],
      y: [1],
      hidden: [4],
      epochs: 1,
      seed: 2,
    });
    const raw = Array.from({ length: 50 }, () =>
      FEATURE_SPECS.map((s) => s.lo + rng.float() * (s.hi - s.lo)),
    );
    const scaling = inputScaling();
    const scaled = scaleRows(raw, scaling);
    assert.equal(scaled.length, raw.length);
    for (const row of scaled) for (const v of row) assert.ok(v >= -4 - 1e-9 && v <= 4 + 1e-9);
    const a = predictMlp(mlp, scaled);
    const b = predictMlp(foldScaling(mlp, scaling), raw);
    assert.equal(a.length, raw.length);
    assert.equal(b.length, raw.length);
    for (const [i, v] of a.entries())
      assert.ok(Math.abs(v - b[i]) < 1e-12, `row ${i}: ${v} ≉ ${b[i]}`);
  });

  it("severe loss: a slashing, or a shortfall of ≥ 3 bp of stake in the window", () => {
    const ep = (epoch: number, missing: number): OperatorEpochAggregate => ({
      operatorId: "a",
      epoch,
      activeValidators: 1,
      // 1 gwei ideal per flag; a missing validator loses source+target (−1 each) and head (0).
      attestations: {
        duties: 1,
        sourceEarned: 1 - 2 * missing,
        sourceIdeal: 1,
        targetEarned: 1 - 2 * missing,
        targetIdeal: 1,
        headEarned: 1 - missing,
        headIdeal: 1,
        inactivityPenalty: 0,
        sourceMisses: missing,
        targetMisses: missing,
        headMisses: missing,
      },
      proposals: { duties: 0, produced: 0 },
      sync: { duties: 0, participated: 0 },
      balanceDeltaGwei: 3 - 5 * missing,
      effectiveBalanceGwei: 10_000,
      exitedValidators: 0,
    });
    // Epochs 1..10; two missing epochs: shortfall 2 × 5 gwei of a 10,000 gwei stake = 10 bp.
    const aggregates = Array.from({ length: 10 }, (_, i) => ep(i + 1, i < 2 ? 1 : 0));
    const r = severeLoss({ operatorId: "a", aggregates, slashings: [], fromEpoch: 0, epochs: 10 });
    assert.ok(Math.abs(r.shortfallShare - 10 / 10_000) < 1e-12);
    assert.ok(Math.abs(r.performanceShortfallShare - 10 / 10_000) < 1e-12);
    assert.equal(r.severe, true);
    // A slashing loss (balance 1,000 gwei under the rewards earned) is in the shortfall, not in
    // the performance shortfall the on-chain score forecasts.
    const slashedAt = aggregates.map((a, i) =>
      i === 5 ? { ...a, balanceDeltaGwei: a.balanceDeltaGwei - 1_000 } : a,
    );
    const withSlashing = severeLoss({
      operatorId: "a",
      aggregates: slashedAt,
      slashings: [],
      fromEpoch: 0,
      epochs: 10,
    });
    assert.ok(Math.abs(withSlashing.shortfallShare - 1_010 / 10_000) < 1e-12);
    assert.ok(Math.abs(withSlashing.performanceShortfallShare - 10 / 10_000) < 1e-12);
    assert.equal(
      severeLoss({
        operatorId: "a",
        aggregates,
        slashings: [],
        fromEpoch: 0,
        epochs: 10,
        threshold: 0.002,
      }).severe,
      false,
    );
    const slashed = severeLoss({
      operatorId: "a",
      aggregates,
      slashings: [{ epoch: 5, validatorIndex: 1, operatorId: "a", kind: "attester" }],
      fromEpoch: 0,
      epochs: 10,
      threshold: 0.002,
    });
    assert.equal(slashed.severe, true);
    // A slashing before the window does not count.
    assert.equal(
      severeLoss({
        operatorId: "a",
        aggregates,
        slashings: [{ epoch: 0, validatorIndex: 1, operatorId: "a", kind: "attester" }],
        fromEpoch: 0,
        epochs: 10,
        threshold: 0.002,
      }).severe,
      false,
    );
  });

  it("parses the documented labelled CSV format and rejects a bad one", () => {
    const header = [
      "operator_id",
      "at_epoch",
      "label",
      "future_shortfall_bps",
      "weight",
      ...FEATURE_NAMES,
    ].join(",");
    const row = ["op1", "123", "1", "4.5", "2", ...FEATURE_SPECS.map((s) => String(s.lo))].join(
      ",",
    );
    const [s] = parseLabelledCsv(`${header}\n${row}\n`);
    assert.equal(s.operatorId, "op1");
    assert.equal(s.label, 1);
    assert.equal(s.weight, 2);
    assert.equal(s.extra?.futurePerformanceShortfallBps, 4.5);
    assert.deepEqual(
      s.features,
      FEATURE_SPECS.map((f) => f.lo),
    );
    assert.throws(
      () => parseLabelledCsv(`operator_id,at_epoch,label\nop1,1,1\n`),
      (e: unknown) => e instanceof ModelError && e.code === "MODEL_CSV_INVALID",
    );
    assert.throws(
      () => parseLabelledCsv(`${header}\n${row.replace("op1,123,1", "op1,123,7")}\n`),
      (e: unknown) => e instanceof ModelError && e.code === "MODEL_CSV_INVALID",
    );
  });
});
