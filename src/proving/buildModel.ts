import { UnsupportedModelError } from "./errors.js";
import { bigintToFelt, quantize } from "./field.js";
import type { Constant, Model, Node, NodeType, RunArgs, SupportedOp, Tensor, Visibility } from "./graphCircuit.js";
import type { MlpGraph } from "./parseOnnxMlp.js";

export type BuildModelParameters = { graph: MlpGraph; runArgs: RunArgs };
export type BuildModelReturnType = { model: Model; outputScale: number; paramCount: number; sigmoidScales: number[] };

/**
 * Lowers an MLP to ezkl's node graph the way ezkl v21.0.0 lowers the same ONNX through tract:
 * node ids follow tract's numbering (a Gemm is weight, einsum, bias, add; a Relu takes two ids
 * because tract adds a zero constant that ezkl folds away), the product of two scales is divided
 * back to the larger of the input and parameter scales by a RebaseScale, and a bias used once is
 * quantized at the scale of the sum it joins. Matching ezkl's lowering is what makes the compiled
 * bytes identical to ezkl's for the conformance model.
 */
export function buildModel({ graph, runArgs }: BuildModelParameters): BuildModelReturnType {
  const batch = batchSizeOf(runArgs);
  const globalScale = Math.max(runArgs.input_scale, runArgs.param_scale) * runArgs.scale_rebase_multiplier;
  const paramVis = runArgs.param_visibility;
  const nodes: [number, NodeType][] = [];
  let nextId = 0;
  const push = (opkind: SupportedOp, outScale: number, inputs: [number, number][], outDims: number[]): number => {
    const idx = nextId++;
    const node: Node = { opkind, out_scale: outScale, inputs, out_dims: outDims, idx, num_uses: 1 };
    nodes.push([idx, { kind: "Node", value: node }]);
    return idx;
  };

  let current = push(
    { kind: "Input", value: { scale: runArgs.input_scale, datum_type: "F32", decomp: !runArgs.ignore_range_check_inputs_outputs } },
    runArgs.input_scale,
    [],
    [batch, graph.features],
  );
  let scale = runArgs.input_scale;
  let width = graph.features;
  let paramCount = 0;
  const sigmoidScales: number[] = [];

  for (const layer of graph.layers) {
    if (layer.kind === "linear") {
      const { inFeatures: k, outFeatures: n } = layer;
      const w = push(constant(layer.weight, [n, k], runArgs.param_scale, paramVis, runArgs), runArgs.param_scale, [], [n, k]);
      paramCount += layer.weight.length;
      const einsum: SupportedOp = { kind: "Linear", value: { kind: "Einsum", value: { equation: "mk,nk->mn" } } };
      const productScale = scale + runArgs.param_scale;
      let outScale = productScale;
      let op: SupportedOp = einsum;
      if (productScale > globalScale) {
        const multiplier = 2 ** (productScale - globalScale);
        op = {
          kind: "RebaseScale",
          value: { inner: einsum, rebase_op: { kind: "Div", value: { denom: multiplier } }, target_scale: globalScale, original_scale: productScale, multiplier },
        };
        outScale = globalScale;
      }
      current = push(op, outScale, [[current, 0], [w, 0]], [batch, n]);
      scale = outScale;
      if (layer.bias) {
        const biasScale = Math.max(runArgs.param_scale, scale);
        if (biasScale !== scale) {
          throw new UnsupportedModelError("param_scale above the layer's output scale would need input rescaling, which the compiler does not emit", {
            details: `param_scale ${runArgs.param_scale}, layer output scale ${scale}`,
          });
        }
        const b = push(constant(layer.bias, [1, n], biasScale, paramVis, runArgs), biasScale, [], [1, n]);
        paramCount += layer.bias.length;
        current = push({ kind: "Linear", value: { kind: "Add" } }, scale, [[current, 0], [b, 0]], [batch, n]);
      }
      width = n;
    } else if (layer.kind === "relu") {
      nextId++; // tract's zero constant for max(x, 0), folded into LeakyReLU by ezkl
      current = push({ kind: "Linear", value: { kind: "LeakyReLU", value: { slope: 0, scale } } }, scale, [[current, 0]], [batch, width]);
    } else {
      sigmoidScales.push(scale);
      current = push({ kind: "Nonlinear", value: { kind: "Sigmoid", value: { scale: 2 ** scale } } }, scale, [[current, 0]], [batch, width]);
    }
  }

  const visibility = { input: runArgs.input_visibility, params: runArgs.param_visibility, output: runArgs.output_visibility };
  return {
    model: { graph: { nodes, inputs: [0], outputs: [[current, 0]], output_types: ["F32"] }, visibility },
    outputScale: scale,
    paramCount,
    sigmoidScales,
  };
}

/** The batch size fixed by `variables: [["batch_size", B]]`, ezkl's way of binding a symbolic dim. */
export function batchSizeOf(runArgs: RunArgs): number {
  const b = runArgs.variables.find(([name]) => name === "batch_size")?.[1];
  if (!b || b < 1) throw new UnsupportedModelError("run_args.variables must bind batch_size to a positive integer");
  return b;
}

function constant(values: Float32Array, dims: number[], scale: number, visibility: Visibility, runArgs: RunArgs): SupportedOp {
  const quantized: Tensor<Uint8Array> = { inner: Array.from(values, (v) => bigintToFelt(quantize(v, scale))), dims, scale, visibility };
  // ezkl drops raw values once quantized (they are only needed for rescaling during compilation).
  const raw: Tensor<number> = { inner: [], dims: [0], scale: null, visibility: null };
  const value: Constant = { quantized_values: quantized, raw_values: raw, decomp: runArgs.ignore_range_check_inputs_outputs };
  return { kind: "Constant", value };
}
