import type { MlpGraph, MlpLinear } from "../onnx/index.js";

/** Which unit axes a tensor lost in tract's decluttering: the batch axis m and/or the width axis n. */
export type Squeeze = { m: boolean; n: boolean };

/** A constant of tract's graph: identical constants are one node with several users. */
export type PlannedConstant = { key: string; uses: number };

export type PlannedLayer =
  | {
      kind: "linear";
      weight: PlannedConstant & { values: Float32Array; dims: number[]; letters: string };
      bias: (PlannedConstant & { values: Float32Array }) | null;
      input: Squeeze;
      output: Squeeze;
    }
  | { kind: "relu" | "sigmoid"; tensor: Squeeze };

export type PlanTractGraphParameters = { graph: MlpGraph; batch: number };
export type PlanTractGraphReturnType = {
  layers: PlannedLayer[];
  /** How many einsums use the Relu zero constant as their weight (a [1, 1] zero weight is that constant when the model has a Relu). */
  reluZeroWeightUses: number;
  /** The Relu zero's shape when it stays a node: [1, 1] less the axes its Relus' segments lose. */
  reluZeroDims: number[];
};

/** Key of the zero constant tract gives every Relu (max(x, 0)): a [1, 1] f32 zero. */
export const RELU_ZERO = "[1,1]:00000000";

const NONE: Squeeze = { m: false, n: false };

/**
 * What tract's `into_decluttered` makes of an MLP chain before ezkl sees it (learned from and
 * checked against native ezkl's compile_circuit on the conformance corpus):
 * - identical constants (same shape and f32 values) become one node; every Relu's zero
 *   constant is one such node, and so is a bias repeated in another layer;
 * - an all-zero bias and its Add disappear (x + 0 = x);
 * - a weight loses its unit axes;
 * - the tensors between two einsums (a "segment") lose their unit axes (m when the batch is 1,
 *   n when the layer's width is 1), absorbed by the einsums at both ends, but only together with
 *   every segment they share a constant with: a shared constant must change shape for all its
 *   users, so if one of them sits before the first einsum or after the last (whose shapes are the
 *   model's own) or has that axis wider than 1, no segment of the group loses that axis.
 */
export function planTractGraph({
  graph,
  batch,
}: PlanTractGraphParameters): PlanTractGraphReturnType {
  const linearCount = graph.layers.filter((l) => l.kind === "linear").length;
  // Users of each constant (by shape and f32 bytes) and the segment they sit in: -1 before the
  // first einsum, j after einsum j; `linearCount - 1` is the tail after the last einsum.
  const users = new Map<string, { segment: number; role: "weight" | "bias" | "relu" }[]>();
  const use = (key: string, segment: number, role: "weight" | "bias" | "relu") =>
    users.set(key, [...(users.get(key) ?? []), { segment, role }]);
  const widths: number[] = [];
  let segment = -1;
  for (const layer of graph.layers) {
    if (layer.kind === "linear") {
      segment++;
      widths[segment] = layer.outFeatures;
      use(weightKey(layer), segment, "weight");
      if (hasBias(layer)) use(biasKey(layer), segment, "bias");
    } else if (layer.kind === "relu") use(RELU_ZERO, segment, "relu");
  }

  // Segments linked by a shared constant squeeze together (union-find over segment numbers). An
  // einsum absorbs a change of its weight's shape, so weights link nothing.
  const parent = new Map<number, number>();
  const find = (s: number): number => {
    const p = parent.get(s) ?? s;
    if (p === s) return s;
    const root = find(p);
    parent.set(s, root);
    return root;
  };
  for (const list of users.values()) {
    const linking = list.filter((u) => u.role !== "weight");
    for (const u of linking.slice(1)) parent.set(find(u.segment), find(linking[0].segment));
  }
  const inner = (s: number) => s >= 0 && s < linearCount - 1;
  const groups = new Map<number, number[]>();
  for (let s = -1; s < linearCount; s++) groups.set(find(s), [...(groups.get(find(s)) ?? []), s]);
  const squeezeOf = (s: number): Squeeze => {
    if (!inner(s)) return NONE;
    const group = groups.get(find(s))!;
    const can = (unit: (t: number) => boolean) => group.every((t) => inner(t) && unit(t));
    return { m: can(() => batch === 1), n: can((t) => widths[t] === 1) };
  };

  /**
   * A weight's own unit axes go, unless it is one constant with a bias or the Relu zero: then it
   * keeps its shape but for the axes their segment group loses (axis 0 goes with m, axis 1 with n).
   */
  const sharedSqueeze = (key: string): Squeeze | "own" => {
    const other = users.get(key)!.find((u) => u.role !== "weight");
    return other ? squeezeOf(other.segment) : "own";
  };

  // A weight-only constant loses its unit axes, and weights equal once squeezed are one node again.
  const finalKey = (layer: MlpLinear) => {
    const key = weightKey(layer);
    if (sharedSqueeze(key) !== "own") return key;
    const { dims, values } = onnxWeight(layer, "own");
    return `squeezed${constantKey(dims, values)}`;
  };
  const finalUses = new Map<string, number>();
  for (const layer of graph.layers)
    if (layer.kind === "linear")
      finalUses.set(
        finalKey(layer),
        (finalUses.get(finalKey(layer)) ?? 0) + (sharedSqueeze(weightKey(layer)) === "own" ? 1 : 0),
      );

  const layers: PlannedLayer[] = [];
  segment = -1;
  for (const layer of graph.layers) {
    if (layer.kind === "linear") {
      const input = squeezeOf(segment);
      segment++;
      const key = finalKey(layer);
      const uses = key.startsWith("squeezed") ? finalUses.get(key)! : users.get(key)!.length;
      const bias = hasBias(layer)
        ? { key: biasKey(layer), uses: users.get(biasKey(layer))!.length, values: layer.bias! }
        : null;
      layers.push({
        kind: "linear",
        weight: { key, uses, ...onnxWeight(layer, sharedSqueeze(weightKey(layer))) },
        bias,
        input,
        output: squeezeOf(segment),
      });
    } else layers.push({ kind: layer.kind, tensor: squeezeOf(segment) });
  }
  const zeroUsers = users.get(RELU_ZERO) ?? [];
  const reluZeroWeightUses = zeroUsers.some((u) => u.role === "relu")
    ? zeroUsers.filter((u) => u.role === "weight").length
    : 0;
  const zeroSqueeze = zeroUsers.length > 0 ? sharedSqueeze(RELU_ZERO) : "own";
  const reluZeroDims =
    zeroSqueeze === "own" ? [1, 1] : [zeroSqueeze.m ? [] : [1], zeroSqueeze.n ? [] : [1]].flat();
  return { layers, reluZeroWeightUses, reluZeroDims };
}

function hasBias(layer: MlpLinear): boolean {
  return layer.bias !== null && layer.bias.some((v) => v !== 0);
}

function constantKey(dims: number[], values: Float32Array): string {
  return `${JSON.stringify(dims)}:${Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("hex")}`;
}

function weightKey(layer: MlpLinear): string {
  const { values, dims } = onnxWeight(layer, NONE);
  return constantKey(dims, values);
}

/** The bias joins the einsum's output as a [1, n] constant (Gemm's C and MatMul + Add's alike). */
function biasKey(layer: MlpLinear): string {
  return constantKey([1, layer.outFeatures], layer.bias!);
}

/** The weight as ONNX stores it, with its own unit axes squeezed or those of a shared constant's segment, and its einsum letters. */
function onnxWeight(
  layer: MlpLinear,
  squeeze: Squeeze | "own",
): { values: Float32Array; dims: number[]; letters: string } {
  const { inFeatures: k, outFeatures: n, weight } = layer;
  const axes: [string, number][] =
    layer.layout === "outIn"
      ? [
          ["n", n],
          ["k", k],
        ]
      : [
          ["k", k],
          ["n", n],
        ];
  const kept = axes.filter(([, size], i) =>
    squeeze === "own" ? size !== 1 : !(i === 0 ? squeeze.m : squeeze.n),
  );
  const values = layer.layout === "outIn" ? weight : transposeOutIn(weight, n, k);
  return {
    values,
    dims: kept.map(([, size]) => size),
    letters: kept.map(([letter]) => letter).join(""),
  };
}

/** [n][k] row-major → [k][n]. */
function transposeOutIn(weight: Float32Array, n: number, k: number): Float32Array {
  const out = new Float32Array(n * k);
  for (let o = 0; o < n; o++) for (let i = 0; i < k; i++) out[i * n + o] = weight[o * k + i];
  return out;
}
