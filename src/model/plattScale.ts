import type { Mlp } from "./mlp.js";

export type PlattScaleParameters = {
  /** The model's logits (pre-sigmoid outputs) on the calibration samples. */
  z: ArrayLike<number>;
  y: readonly number[];
  w?: readonly number[];
};

export type PlattScaleReturnType = { a: number; b: number };

/**
 * Platt scaling: the a, b minimising weighted log-loss of sigmoid(a·z + b), by Newton's method
 * on the two parameters (the loss is convex in them).
 */
export function plattScale({ z, y, w }: PlattScaleParameters): PlattScaleReturnType {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i] : 1;
      const p = 1 / (1 + Math.exp(-(a * z[i] + b)));
      const r = wi * (p - y[i]);
      const s = wi * p * (1 - p);
      ga += r * z[i];
      gb += r;
      haa += s * z[i] * z[i];
      hab += s * z[i];
      hbb += s;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** The same network with sigmoid(a·z + b) as its output: the last Gemm's weights × a, bias a·bias + b. */
export function foldPlatt(mlp: Mlp, { a, b }: PlattScaleReturnType): Mlp {
  const last = mlp.layers[mlp.layers.length - 1];
  return {
    layers: [
      ...mlp.layers.slice(0, -1),
      { ...last, weights: last.weights.map((v) => v * a), bias: last.bias.map((v) => v * a + b) },
    ],
  };
}
