import type { Mlp } from "./mlp.js";
import { createRandom, type Random } from "./random.js";

export type TrainRankingLogisticParameters = {
  /** Scaled inputs. */
  x: readonly (readonly number[])[];
  y: readonly number[];
  /** Importance weights; pairs are drawn in proportion to the product of theirs. */
  w: readonly number[];
  steps: number;
  pairsPerStep?: number;
  learningRate?: number;
  l2?: number;
  seed: number;
  /** Sign constraints per input, as trainMlp's: +1 keeps a weight ≥ 0, −1 ≤ 0, 0 free. */
  signs?: readonly number[];
};

/**
 * A linear score trained for ranking: minibatch Adam on the pairwise logistic loss
 * log(1 + exp(−(s_pos − s_neg))) over (positive, negative) pairs drawn by importance weight, a
 * smooth surrogate of the weighted AUROC. Weighted log-loss on these inputs ranked worse than
 * `head_miss_log_7d` alone even on the training operators: it spends the weights on fitting the
 * rare extreme operators. The score carries no probability (its bias is 0): the caller
 * calibrates it (Platt scaling on held-out operators). Deterministic for a seed.
 */
export function trainRankingLogistic({
  x,
  y,
  w,
  steps,
  pairsPerStep = 2048,
  learningRate = 0.005,
  l2 = 1e-4,
  seed,
  signs,
}: TrainRankingLogisticParameters): Mlp {
  const d = x[0].length;
  const positives = y.flatMap((v, i) => (v === 1 ? [i] : []));
  const negatives = y.flatMap((v, i) => (v === 1 ? [] : [i]));
  const drawPositive = weightedDraw(positives, w);
  const drawNegative = weightedDraw(negatives, w);
  const rng = createRandom(seed);
  const weights = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  const grad = new Float64Array(d);
  for (let step = 1; step <= steps; step++) {
    grad.fill(0);
    for (let b = 0; b < pairsPerStep; b++) {
      const xp = x[drawPositive(rng)];
      const xn = x[drawNegative(rng)];
      let s = 0;
      for (let k = 0; k < d; k++) s += weights[k] * (xp[k] - xn[k]);
      const dLoss = -1 / (1 + Math.exp(s));
      for (let k = 0; k < d; k++) grad[k] += dLoss * (xp[k] - xn[k]);
    }
    for (let k = 0; k < d; k++) {
      const g = grad[k] / pairsPerStep + l2 * weights[k];
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      weights[k] -=
        (learningRate * (m[k] / (1 - 0.9 ** step))) /
        (Math.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8);
      if (signs && signs[k] * weights[k] < 0) weights[k] = 0;
    }
  }
  return {
    layers: [{ inputs: d, outputs: 1, weights, bias: new Float64Array(1), activation: "sigmoid" }],
  };
}

/** Draws one of `indices` with probability ∝ its weight (binary search on the cumulative sums). */
function weightedDraw(indices: readonly number[], w: readonly number[]): (rng: Random) => number {
  const cumulative = new Float64Array(indices.length);
  let total = 0;
  indices.forEach((i, k) => {
    total += w[i];
    cumulative[k] = total;
  });
  return (rng) => {
    const t = rng.float() * total;
    let lo = 0;
    let hi = indices.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return indices[lo];
  };
}
