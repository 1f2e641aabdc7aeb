import { createRandom } from "./random.js";

/** A dense layer y = act(W x + b); W is row-major [outputs × inputs] (ONNX Gemm with transB=1). */
export type DenseLayer = {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
  /** "linear": no activation (the expected-shortfall head's output layer). */
  activation: "relu" | "sigmoid" | "linear";
};

/** An MLP ending in one sigmoid unit; with no hidden layer it is logistic regression. */
export type Mlp = { layers: DenseLayer[] };

export type TrainMlpParameters = {
  x: readonly (readonly number[])[];
  y: readonly number[];
  /** Sample weights (importance weights); default 1. */
  w?: readonly number[];
  hidden: readonly number[];
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  /** L2 penalty on weights (not biases). */
  l2?: number;
  seed: number;
  /**
   * Sign constraints, one per input: the network's output is monotone in every signed input
   * (+1 non-decreasing, −1 non-increasing), unconstrained in an input with 0. The first layer's
   * weights keep their input's sign and every later layer's weights stay ≥ 0, so with monotone
   * activations each hidden unit, and the output, moves with a signed input in its sign's
   * direction. Without the first-layer constraint collinear inputs take opposite signs that cancel
   * on the training data and flip on other data (a model that rewards misses); without the later
   * ones a unit can enter the output negatively, and the ofv2 MLP scored a fully offline operator
   * as healthy.
   */
  signs?: readonly number[];
  onEpoch?: (epoch: number, loss: number) => void;
};

/** Weighted binary cross-entropy, minibatch Adam, He initialisation; deterministic for a seed. */
export function trainMlp({
  x,
  y,
  w,
  hidden,
  epochs,
  batchSize = 256,
  learningRate = 3e-3,
  l2 = 1e-4,
  seed,
  signs,
  onEpoch,
}: TrainMlpParameters): Mlp {
  const rng = createRandom(seed);
  const sizes = [x[0].length, ...hidden, 1];
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l];
    const outputs = sizes[l + 1];
    const scale = Math.sqrt(2 / inputs);
    layers.push({
      inputs,
      outputs,
      weights: Float64Array.from({ length: inputs * outputs }, () => rng.normal() * scale),
      bias: new Float64Array(outputs),
      activation: l + 2 === sizes.length ? "sigmoid" : "relu",
    });
  }
  const weightSum = w ? w.reduce((a, b) => a + b, 0) : y.length;
  const params = layers.flatMap((L) => [L.weights, L.bias]);
  const grads = params.map((p) => new Float64Array(p.length));
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const order = Array.from({ length: y.length }, (_, i) => i);
  let step = 0;
  const acts = sizes.map((s) => new Float64Array(s));
  const deltas = sizes.map((s) => new Float64Array(s));

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    let lossSum = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      for (const g of grads) g.fill(0);
      let batchWeight = 0;
      for (let k = start; k < Math.min(order.length, start + batchSize); k++) {
        const i = order[k];
        const wi = w ? w[i] : 1;
        batchWeight += wi;
        acts[0].set(x[i]);
        forwardInto(layers, acts);
        const p = acts[acts.length - 1][0];
        lossSum +=
          -wi *
          (y[i] * Math.log(Math.max(p, 1e-12)) + (1 - y[i]) * Math.log(Math.max(1 - p, 1e-12)));
        // d loss / d logit of a sigmoid + cross-entropy output is (p − y).
        deltas[deltas.length - 1][0] = wi * (p - y[i]);
        for (let l = layers.length - 1; l >= 0; l--) {
          const L = layers[l];
          const gW = grads[2 * l];
          const gB = grads[2 * l + 1];
          const input = acts[l];
          const d = deltas[l + 1];
          const prev = deltas[l];
          prev.fill(0);
          for (let o = 0; o < L.outputs; o++) {
            const dv = d[o];
            if (dv === 0) continue;
            gB[o] += dv;
            const row = o * L.inputs;
            for (let k2 = 0; k2 < L.inputs; k2++) {
              gW[row + k2] += dv * input[k2];
              prev[k2] += dv * L.weights[row + k2];
            }
          }
          if (l > 0) for (let k2 = 0; k2 < L.inputs; k2++) if (acts[l][k2] <= 0) prev[k2] = 0;
        }
      }
      if (batchWeight <= 0) continue;
      step++;
      const b1 = 0.9;
      const b2 = 0.999;
      for (let pi = 0; pi < params.length; pi++) {
        const P = params[pi];
        const G = grads[pi];
        const isWeight = pi % 2 === 0;
        for (let k2 = 0; k2 < P.length; k2++) {
          const g = G[k2] / batchWeight + (isWeight ? l2 * P[k2] : 0);
          m[pi][k2] = b1 * m[pi][k2] + (1 - b1) * g;
          v[pi][k2] = b2 * v[pi][k2] + (1 - b2) * g * g;
          const mh = m[pi][k2] / (1 - b1 ** step);
          const vh = v[pi][k2] / (1 - b2 ** step);
          P[k2] -= (learningRate * mh) / (Math.sqrt(vh) + 1e-8);
        }
      }
      if (signs) projectMonotone(layers, signs);
    }
    onEpoch?.(epoch + 1, lossSum / weightSum);
  }
  return { layers };
}

/**
 * Projects the network onto its monotone constraints after a step (projected gradient descent):
 * the first layer's weights onto their input's sign, every later layer's weights onto ≥ 0.
 */
function projectMonotone(layers: readonly DenseLayer[], signs: readonly number[]): void {
  const [first, ...later] = layers;
  for (let o = 0; o < first.outputs; o++) {
    for (let k = 0; k < first.inputs; k++) {
      const i = o * first.inputs + k;
      if (signs[k] * first.weights[i] < 0) first.weights[i] = 0;
    }
  }
  for (const layer of later)
    for (let i = 0; i < layer.weights.length; i++) if (layer.weights[i] < 0) layer.weights[i] = 0;
}

/** Forward pass writing every layer's activations into `acts` (acts[0] holds the input). */
export function forwardInto(layers: readonly DenseLayer[], acts: Float64Array[]): void {
  for (let l = 0; l < layers.length; l++) {
    const L = layers[l];
    const input = acts[l];
    const out = acts[l + 1];
    for (let o = 0; o < L.outputs; o++) {
      let s = L.bias[o];
      const row = o * L.inputs;
      for (let k = 0; k < L.inputs; k++) s += L.weights[row + k] * input[k];
      out[o] =
        L.activation === "relu"
          ? s > 0
            ? s
            : 0
          : L.activation === "sigmoid"
            ? 1 / (1 + Math.exp(-s))
            : s;
    }
  }
}

/** Probabilities for a batch of (already scaled) inputs. */
export function predictMlp(mlp: Mlp, x: readonly (readonly number[])[]): Float64Array {
  const acts = [
    new Float64Array(mlp.layers[0].inputs),
    ...mlp.layers.map((L) => new Float64Array(L.outputs)),
  ];
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    acts[0].set(x[i]);
    forwardInto(mlp.layers, acts);
    out[i] = acts[acts.length - 1][0];
  }
  return out;
}
