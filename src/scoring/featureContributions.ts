import type { ParsedOnnxModel } from "../onnx/index.js";
import { referenceForward } from "./referenceForward.js";

export type FeatureContributionsParameters = {
  model: ParsedOnnxModel;
  /** Raw feature vectors (FEATURE_NAMES order). */
  features: readonly (readonly number[])[];
  /** The reference operator the contributions are measured from (the training population's median). */
  baseline: readonly number[];
  /** Integration steps along the path baseline → features; 1 is exact when the logit is linear. */
  steps?: number;
  /** The probability tensor whose logit is explained (the model's `probability_output`). */
  output?: string;
};

export type FeatureContributionsReturnType = {
  baselineLogit: number;
  /** Per operator: the model's logit and one contribution per feature, in logit units. */
  rows: { logit: number; contributions: number[] }[];
};

const H = 1e-3;

/**
 * Per-feature contributions to the model's logit: integrated gradients from the baseline, with
 * central differences on the float64 reference forward. For a logistic model the gradient is the
 * weight vector everywhere, so one step gives wᵢ·(xᵢ − baselineᵢ), which sums exactly to
 * logit(x) − logit(baseline); for an MLP more steps approximate the same completeness.
 */
export function featureContributions({
  model,
  features,
  baseline,
  steps,
  output,
}: FeatureContributionsParameters): FeatureContributionsReturnType {
  const width = baseline.length;
  // Only the nodes up to the probability shape its logit (the shortfall head's hinges come after).
  const last = output ? model.nodes.findIndex((n) => n.outputs[0] === output) : -1;
  const upstream = last >= 0 ? model.nodes.slice(0, last + 1) : model.nodes;
  const hasRelu = upstream.some((n) => n.opType === "Relu");
  const k = steps ?? (hasRelu ? 32 : 1);
  const logitOf = (rows: number[][]) =>
    Array.from(referenceForward({ model, input: rows.flat(), rows: rows.length, output }), logit);
  const baselineLogit = logitOf([[...baseline]])[0];
  const out: FeatureContributionsReturnType["rows"] = [];
  for (const x of features) {
    // Rows: for every step midpoint α and feature i, the point ± H along feature i.
    const probe: number[][] = [];
    for (let s = 0; s < k; s++) {
      const alpha = (s + 0.5) / k;
      const point = baseline.map((b, i) => b + alpha * (x[i] - b));
      for (let i = 0; i < width; i++) {
        const up = [...point];
        const down = [...point];
        up[i] += H;
        down[i] -= H;
        probe.push(up, down);
      }
    }
    const values = logitOf(probe);
    const contributions = new Array<number>(width).fill(0);
    for (let s = 0; s < k; s++)
      for (let i = 0; i < width; i++) {
        const grad = (values[(s * width + i) * 2] - values[(s * width + i) * 2 + 1]) / (2 * H);
        contributions[i] += (grad * (x[i] - baseline[i])) / k;
      }
    out.push({ logit: logitOf([[...x]])[0], contributions });
  }
  return { baselineLogit, rows: out };
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log(q / (1 - q));
}
