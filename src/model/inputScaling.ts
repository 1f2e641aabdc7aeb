import { FEATURE_SPECS } from "../features/index.js";
import type { Mlp } from "./mlp.js";

/** Per-feature affine map z = x · scale + shift taking [lo, hi] onto [-4, 4]. */
export type InputScaling = { scale: number[]; shift: number[] };

export const SCALED_RANGE = 4;

/**
 * Range scaling from the feature spec, not from data statistics: every feature is bounded,
 * so scaled inputs are guaranteed to lie in [-4, 4], the range the circuit's fixed point is
 * sized for, whatever data a model was trained on.
 */
export function inputScaling(): InputScaling {
  const scale = FEATURE_SPECS.map((s) => (2 * SCALED_RANGE) / (s.hi - s.lo));
  const shift = FEATURE_SPECS.map((s, i) => -SCALED_RANGE - s.lo * scale[i]);
  return { scale, shift };
}

export function scaleRows(
  x: readonly (readonly number[])[],
  { scale, shift }: InputScaling,
): number[][] {
  return x.map((row) => row.map((v, i) => v * scale[i] + shift[i]));
}

/** The same network taking raw features: W' = W·diag(scale), b' = b + W·shift in the first layer. */
export function foldScaling(mlp: Mlp, { scale, shift }: InputScaling): Mlp {
  const [first, ...rest] = mlp.layers;
  const weights = new Float64Array(first.weights.length);
  const bias = Float64Array.from(first.bias);
  for (let o = 0; o < first.outputs; o++) {
    for (let k = 0; k < first.inputs; k++) {
      const wv = first.weights[o * first.inputs + k];
      weights[o * first.inputs + k] = wv * scale[k];
      bias[o] += wv * shift[k];
    }
  }
  return { layers: [{ ...first, weights, bias }, ...rest] };
}
