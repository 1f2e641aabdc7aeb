import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import type { DenseLayer } from "./mlp.js";
import { ModelError } from "./errors.js";

/**
 * The circuit quantizes parameters to multiples of 2^-10 (param_scale 10): the head's knots and
 * slopes are put on that grid here, so onnxruntime and the proof compute the same function.
 */
export const HEAD_PARAMETER_GRID = 2 ** -10;
/** Weighted quantiles of p where the piecewise-linear head may bend (more where p is dense). */
export const HEAD_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995] as const;

export type FitShortfallHeadParameters = {
  /** The model's probability of a severe loss for each sample. */
  p: ArrayLike<number>;
  /** Realised performance shortfall of the next 30 days, bp of stake. */
  shortfallBps: ArrayLike<number>;
  /** Importance weights. */
  w: ArrayLike<number>;
};

export type ShortfallHead = {
  /** Points (p, expected shortfall bp) the head interpolates; p from 0 to 1, values non-decreasing. */
  points: { p: number; bps: number }[];
  /** The head as two dense layers on p: Relu(p − knot_k), then Σ slope change_k · … + intercept. */
  layers: [DenseLayer, DenseLayer];
};

/**
 * (a) of the published loss: the expected 30-day performance shortfall given the model's
 * probability, E[shortfall | p], fitted by weighted isotonic regression (more severe-loss risk
 * never means a smaller expected shortfall) over segments of p between weighted quantiles, as a
 * piecewise-linear function through each segment's weighted means. Beyond the last segment the
 * last slope continues, capped at OUTPUT_UNIT_BPS. Every slope is at least one grid step, so the
 * head is strictly increasing: it ranks operators exactly as p does.
 */
export function fitShortfallHead({
  p,
  shortfallBps,
  w,
}: FitShortfallHeadParameters): ShortfallHead {
  const n = p.length;
  if (n === 0 || shortfallBps.length !== n || w.length !== n)
    throw new ModelError(
      "MODEL_TRAINING_DATA",
      "The shortfall head needs aligned, non-empty samples",
      { columns: [n, shortfallBps.length, w.length] },
    );
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  // Segments end at the weighted quantiles (and at the last sample).
  type Block = { w: number; sp: number; sy: number };
  const blocks: Block[] = [];
  let q = 0;
  let cum = 0;
  let current: Block = { w: 0, sp: 0, sy: 0 };
  for (const i of order) {
    current.w += w[i];
    current.sp += w[i] * p[i];
    current.sy += w[i] * shortfallBps[i];
    cum += w[i];
    if (q < HEAD_QUANTILES.length && cum >= HEAD_QUANTILES[q] * total) {
      blocks.push(current);
      current = { w: 0, sp: 0, sy: 0 };
      while (q < HEAD_QUANTILES.length && cum >= HEAD_QUANTILES[q] * total) q++;
    }
  }
  if (current.w > 0) blocks.push(current);
  // Pool adjacent violators: a segment whose mean shortfall is below the one before merges with it.
  const pooled: Block[] = [];
  for (const b of blocks) {
    pooled.push({ ...b });
    while (
      pooled.length > 1 &&
      pooled[pooled.length - 1].sy / pooled[pooled.length - 1].w <
        pooled[pooled.length - 2].sy / pooled[pooled.length - 2].w
    ) {
      const last = pooled.pop()!;
      const prev = pooled[pooled.length - 1];
      prev.w += last.w;
      prev.sp += last.sp;
      prev.sy += last.sy;
    }
  }
  const minSlope = HEAD_PARAMETER_GRID * OUTPUT_UNIT_BPS;
  const centres = pooled.map((b) => ({ p: grid(b.sp / b.w), bps: b.sy / b.w }));
  // Knots on the grid, strictly increasing in p; a centre that rounds onto the previous one merges.
  // Below the first centre the first slope continues down to p = 0 (not below 0 bp).
  const firstSlope =
    centres.length > 1 && centres[1].p > centres[0].p
      ? (centres[1].bps - centres[0].bps) / (centres[1].p - centres[0].p)
      : 0;
  const points: { p: number; bps: number }[] = [
    { p: 0, bps: Math.max(0, centres[0].bps - firstSlope * centres[0].p) },
  ];
  for (const c of centres) {
    const last = points[points.length - 1];
    if (c.p <= last.p) {
      last.bps = Math.max(last.bps, c.bps);
      continue;
    }
    points.push({ p: c.p, bps: Math.max(c.bps, last.bps + minSlope * (c.p - last.p)) });
  }
  const end = points[points.length - 1];
  if (end.p < 1) {
    const prev = points.length > 1 ? points[points.length - 2] : { p: 0, bps: end.bps };
    const slope = Math.max(minSlope, end.p > prev.p ? (end.bps - prev.bps) / (end.p - prev.p) : 0);
    points.push({ p: 1, bps: Math.min(OUTPUT_UNIT_BPS, end.bps + slope * (1 - end.p)) });
  }
  const layers = headLayers(points);
  // The points as the gridded layers compute them (what onnxruntime and the proof evaluate).
  return { points: points.map((pt) => ({ p: pt.p, bps: evaluateHead(layers, pt.p) })), layers };
}

/** The head's value in bp at p, from its layers. */
export function evaluateHead(layers: readonly [DenseLayer, DenseLayer], p: number): number {
  const [hinge, sum] = layers;
  let out = sum.bias[0];
  for (let k = 0; k < hinge.outputs; k++)
    out += sum.weights[k] * Math.max(0, hinge.weights[k] * p + hinge.bias[k]);
  return out * OUTPUT_UNIT_BPS;
}

/**
 * h(p) = bps_0 + Σ_k Δslope_k · Relu(p − p_k), in output units. Knots, slopes and the intercept
 * are on the parameter grid first, and each slope is at least one grid step, so the function the
 * layers compute is exactly representable and strictly increasing.
 */
function headLayers(points: readonly { p: number; bps: number }[]): [DenseLayer, DenseLayer] {
  const k = points.length - 1;
  const slopes = Array.from({ length: k }, (_, i) =>
    Math.max(
      HEAD_PARAMETER_GRID,
      grid((points[i + 1].bps - points[i].bps) / OUTPUT_UNIT_BPS / (points[i + 1].p - points[i].p)),
    ),
  );
  const hinge: DenseLayer = {
    inputs: 1,
    outputs: k,
    weights: new Float64Array(k).fill(1),
    bias: Float64Array.from(points.slice(0, k), (pt) => -pt.p),
    activation: "relu",
  };
  const sum: DenseLayer = {
    inputs: k,
    outputs: 1,
    weights: Float64Array.from(slopes, (s, i) => s - (i > 0 ? slopes[i - 1] : 0)),
    bias: Float64Array.of(grid(points[0].bps / OUTPUT_UNIT_BPS)),
    activation: "linear",
  };
  return [hinge, sum];
}

/** The nearest multiple of the circuit's parameter step. */
function grid(v: number): number {
  return Math.round(v / HEAD_PARAMETER_GRID) * HEAD_PARAMETER_GRID;
}
