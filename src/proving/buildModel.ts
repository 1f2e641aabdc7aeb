import { InvalidProvingInputError, UnsupportedModelError } from "./errors.js";
import { bigintToFelt, roundHalfAwayFromZero } from "./field.js";
import type {
  Constant,
  Model,
  Node,
  NodeType,
  RunArgs,
  SupportedOp,
  Tensor,
} from "./graphCircuit.js";
import type { MlpGraph, MlpLinear } from "../onnx/index.js";
import { planTractGraph, RELU_ZERO, type Squeeze } from "./planTractGraph.js";

export type BuildModelParameters = { graph: MlpGraph; runArgs: RunArgs };
export type BuildModelReturnType = {
  model: Model;
  /** Batch size the run arguments bind to the model's batch dimension. */
  batchSize: number;
  outputScale: number;
  /** Parameters the circuit holds (and hashes): a zero bias is dropped, as tract drops x + 0. */
  paramCount: number;
  sigmoidScales: number[];
};

/**
 * Lowers an MLP to ezkl's node graph the way ezkl v21.0.0 lowers the same ONNX through tract
 * (src/graph/{model,node,utilities}.rs), checked byte for byte against native `compile_circuit`
 * on a generated corpus (test/proving/compilerConformance.test.ts):
 * - the graph's shape is tract's decluttered one (planTractGraph): node ids, shared constants,
 *   dropped zero biases, squeezed unit axes and the einsum equations that follow from them;
 * - a constant is quantized at param_scale, or 0 with `rebase_frac_zero_constants` when all its
 *   values are integers; a single-use constant joining an Add is re-quantized at the larger
 *   scale, and a lower-scale input is multiplied up (`Rescaled`);
 * - every op whose scale exceeds max(input_scale, param_scale) · scale_rebase_multiplier is
 *   divided back to it (`RebaseScale`); Relu is `LeakyReLU { slope: 0, scale: 1 }`, Sigmoid the
 *   lookup `Sigmoid { scale: 2^s }` at its input's scale s;
 * - parameters may not be Public and something must be public, fixed or hashed (as ezkl refuses).
 */
export function buildModel({ graph, runArgs }: BuildModelParameters): BuildModelReturnType {
  checkVisibility(runArgs);
  const batch = resolveBatchSize(graph, runArgs);
  const target =
    Math.max(runArgs.input_scale, runArgs.param_scale) * runArgs.scale_rebase_multiplier;
  const nodes: [number, NodeType][] = [];
  let nextId = 0;
  const push = (
    opkind: SupportedOp,
    outScale: number,
    inputs: [number, number][],
    outDims: number[],
    uses = 1,
  ): number => {
    const idx = nextId++;
    // ezkl writes a scalar's out_dims as [1].
    const node: Node = {
      opkind,
      out_scale: outScale,
      inputs,
      out_dims: outDims.length === 0 ? [1] : outDims,
      idx,
      num_uses: uses,
    };
    nodes.push([idx, { kind: "Node", value: node }]);
    return idx;
  };
  /** ezkl's RebaseScale::rebase, applied to every op node's output scale. */
  const rebase = (op: SupportedOp, outScale: number): [SupportedOp, number] => {
    if (outScale <= target) return [op, outScale];
    const multiplier = 2 ** (outScale - target);
    return [
      {
        kind: "RebaseScale",
        value: {
          inner: op,
          rebase_op: { kind: "Div", value: { denom: multiplier } },
          target_scale: target,
          original_scale: outScale,
          multiplier,
        },
      },
      target,
    ];
  };
  const constant = (values: Float32Array, dims: number[], scale: number): SupportedOp => {
    const quantized: Tensor<Uint8Array> = {
      inner: Array.from(values, (v) => bigintToFelt(quantizeParam(v, scale))),
      dims,
      scale,
      visibility: runArgs.param_visibility,
    };
    // ezkl drops raw values once the graph is built (they only serve rescaling while compiling).
    const raw: Tensor<number> = { inner: [], dims: [0], scale: null, visibility: null };
    const value: Constant = {
      quantized_values: quantized,
      raw_values: raw,
      decomp: runArgs.ignore_range_check_inputs_outputs,
    };
    return { kind: "Constant", value };
  };
  /** A constant's own scale: param_scale, or 0 for integer values when rebase_frac_zero_constants is set. */
  const constantScale = (values: Float32Array) =>
    runArgs.rebase_frac_zero_constants && values.every((v) => Number.isInteger(v))
      ? 0
      : runArgs.param_scale;

  const planned = planTractGraph({ graph, batch });
  /** Ids of constants already placed: a shared constant is one node with several users. */
  const placed = new Map<string, { id: number; scale: number }>();
  const axes = (width: number, squeeze: Squeeze): [string, number][] =>
    (
      [
        ["m", batch],
        ["n", width],
      ] as [string, number][]
    ).filter(([axis]) => !squeeze[axis as "m" | "n"]);
  const dimsOf = (width: number, squeeze: Squeeze) => axes(width, squeeze).map(([, size]) => size);

  /** The Relu zero constant when an einsum also uses it as its weight: then it stays a node. */
  const placeReluZero = () => {
    const zero = new Float32Array(1);
    const zeroScale = constantScale(zero);
    const dims = planned.reluZeroDims;
    placed.set(RELU_ZERO, {
      id: push(constant(zero, dims, zeroScale), zeroScale, [], dims, planned.reluZeroWeightUses),
      scale: zeroScale,
    });
    paramCount += 1;
  };

  let current = push(
    {
      kind: "Input",
      value: {
        scale: runArgs.input_scale,
        datum_type: "F32",
        decomp: !runArgs.ignore_range_check_inputs_outputs,
      },
    },
    runArgs.input_scale,
    [],
    [batch, graph.features],
  );
  let scale = runArgs.input_scale;
  let width = graph.features;
  let paramCount = 0;
  const sigmoidScales: number[] = [];

  for (const [i, layer] of planned.layers.entries()) {
    if (layer.kind === "linear") {
      const n = (graph.layers[i] as MlpLinear).outFeatures;
      const { weight, bias } = layer;
      if (weight.key === RELU_ZERO && planned.reluZeroWeightUses > 0 && !placed.has(RELU_ZERO))
        placeReluZero();
      if (!placed.has(weight.key)) {
        const weightScale = constantScale(weight.values);
        placed.set(weight.key, {
          id: push(
            constant(weight.values, weight.dims, weightScale),
            weightScale,
            [],
            weight.dims,
            weight.uses,
          ),
          scale: weightScale,
        });
        paramCount += weight.values.length;
      }
      const w = placed.get(weight.key)!;
      const inLetters = axes(width, layer.input)
        .map(([axis]) => (axis === "n" ? "k" : axis))
        .join("");
      const outLetters = axes(n, layer.output)
        .map(([axis]) => axis)
        .join("");
      const [einsum, einsumScale] = rebase(
        {
          kind: "Linear",
          value: {
            kind: "Einsum",
            value: { equation: `${inLetters},${weight.letters}->${outLetters}` },
          },
        },
        scale + w.scale,
      );
      current = push(
        einsum,
        einsumScale,
        [
          [current, 0],
          [w.id, 0],
        ],
        dimsOf(n, layer.output),
      );
      scale = einsumScale;
      if (bias) {
        if (!placed.has(bias.key)) {
          // ezkl re-quantizes a single-use constant at the larger scale of the Add it joins.
          const biasScale =
            bias.uses === 1
              ? Math.max(constantScale(bias.values), scale)
              : constantScale(bias.values);
          // The bias broadcasts over the batch as [1, n]; squeezed, it loses the same axes as the segment.
          const biasDims = [...(layer.output.m ? [] : [1]), ...(layer.output.n ? [] : [n])];
          placed.set(bias.key, {
            id: push(
              constant(bias.values, biasDims, biasScale),
              biasScale,
              [],
              biasDims,
              bias.uses,
            ),
            scale: biasScale,
          });
          paramCount += n;
        }
        const b = placed.get(bias.key)!;
        // ezkl's homogenize_input_scales: the lower-scale input is multiplied up to the higher.
        const addScale = Math.max(scale, b.scale);
        let add: SupportedOp = { kind: "Linear", value: { kind: "Add" } };
        if (scale !== b.scale) {
          add = {
            kind: "Rescaled",
            value: {
              inner: add,
              scale: [
                [0, 2n ** BigInt(addScale - scale)],
                [1, 2n ** BigInt(addScale - b.scale)],
              ],
            },
          };
        }
        const [op, out] = rebase(add, addScale);
        current = push(
          op,
          out,
          [
            [current, 0],
            [b.id, 0],
          ],
          dimsOf(n, layer.output),
        );
        scale = out;
      }
      width = n;
    } else if (layer.kind === "relu") {
      // tract's zero constant for max(x, 0), one node shared by every Relu: it takes an id at the
      // first Relu only; ezkl folds it into LeakyReLU and drops it.
      if (!placed.has(RELU_ZERO)) {
        if (planned.reluZeroWeightUses > 0) placeReluZero();
        else placed.set(RELU_ZERO, { id: nextId++, scale: 0 });
      }
      const [op, out] = rebase(
        { kind: "Linear", value: { kind: "LeakyReLU", value: { slope: 0, scale: 1 } } },
        scale,
      );
      current = push(op, out, [[current, 0]], dimsOf(width, layer.tensor));
      scale = out;
    } else {
      sigmoidScales.push(scale);
      const [op, out] = rebase(
        { kind: "Nonlinear", value: { kind: "Sigmoid", value: { scale: 2 ** scale } } },
        scale,
      );
      current = push(op, out, [[current, 0]], dimsOf(width, layer.tensor));
      scale = out;
    }
  }

  const visibility = {
    input: runArgs.input_visibility,
    params: runArgs.param_visibility,
    output: runArgs.output_visibility,
  };
  return {
    model: {
      graph: { nodes, inputs: [0], outputs: [[current, 0]], output_types: ["F32"] },
      visibility,
    },
    batchSize: batch,
    outputScale: scale,
    paramCount,
    sigmoidScales,
  };
}

/** ezkl's VarVisibility::from_args: parameters are never public, and something must be public, fixed, hashed or committed. */
function checkVisibility({
  input_visibility: input,
  param_visibility: params,
  output_visibility: output,
}: RunArgs): void {
  if (params.kind === "Public")
    throw new InvalidProvingInputError("Parameters cannot be public instances", {
      details: "use Fixed or Hashed parameters",
    });
  if (![input, params, output].some((v) => v.kind !== "Private")) {
    throw new InvalidProvingInputError("There should be at least one set of public variables", {
      details:
        "input, params and output are all private: make one public, fixed, hashed or committed",
    });
  }
}

/**
 * ezkl's quantize_float for a parameter: round(x · 2^s) half away from zero, NaN as 0 (Rust's
 * saturating cast), and a refusal beyond i128 (SigBitTruncationError).
 */
function quantizeParam(x: number, scale: number): bigint {
  if (Number.isNaN(x)) return 0n;
  const mult = 2 ** scale;
  const max = Math.round((2 ** 127 - 1) / mult);
  if (x > max || x < -max)
    throw new UnsupportedModelError(
      `Parameter ${x} does not fit ezkl's 128-bit fixed point at scale ${scale}`,
    );
  return BigInt(roundHalfAwayFromZero(Math.fround(x) * mult));
}

/**
 * The batch size ezkl gives the model's batch dimension: a fixed size as written; an unnamed
 * dimension takes `batch_size` from run_args.variables; a named one takes its own symbol's value
 * (ezkl refuses the model otherwise: tract leaves the symbol undetermined).
 */
function resolveBatchSize(graph: MlpGraph, runArgs: RunArgs): number {
  if (typeof graph.batchDim === "number") return graph.batchDim;
  const name = graph.batchDim ?? "batch_size";
  const bound = runArgs.variables.find(([symbol]) => symbol === name)?.[1];
  if (bound === undefined || bound < 1) {
    throw new InvalidProvingInputError(
      `run_args.variables must bind the model's batch dimension "${name}" to a positive integer`,
      {
        details: `variables are ${JSON.stringify(runArgs.variables)}`,
      },
    );
  }
  return bound;
}

/**
 * The batch size of a circuit's settings alone (no model at hand): the value of `batch_size`, or
 * of the one variable the project's settings bind (the model's batch symbol, see createSettings).
 */
export function batchSizeOf(runArgs: RunArgs): number {
  const b =
    runArgs.variables.find(([name]) => name === "batch_size")?.[1] ??
    (runArgs.variables.length === 1 ? runArgs.variables[0][1] : undefined);
  if (!b || b < 1)
    throw new InvalidProvingInputError(
      "run_args.variables must bind the batch dimension to a positive integer",
      { details: `variables are ${JSON.stringify(runArgs.variables)}` },
    );
  return b;
}
