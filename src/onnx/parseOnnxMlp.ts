import type onnxProto from "onnx-proto";
import { decodeOnnxGraph, type OnnxInitializer } from "./decodeOnnxGraph.js";
import { OnnxError } from "./errors.js";
import { transpose } from "./transpose.js";

type OnnxNode = onnxProto.onnx.INodeProto;

/**
 * A dense layer y = x · Wᵀ + b, with W stored row-major as [outFeatures][inFeatures] whatever the
 * ONNX layout; `layout` records that layout ("outIn": Gemm transB=1, "inOut": Gemm transB=0 or
 * MatMul), because ezkl keeps the weight tensor as ONNX stores it.
 */
export type MlpLinear = {
  kind: "linear";
  inFeatures: number;
  outFeatures: number;
  weight: Float32Array;
  bias: Float32Array | null;
  layout: "outIn" | "inOut";
};
export type MlpLayer = MlpLinear | { kind: "relu" } | { kind: "sigmoid" };

export type MlpGraph = {
  /** Feature count F of the input [batch, F]. */
  features: number;
  /** The input's batch dimension: a symbol (bound by run_args.variables), a fixed size, or null when unnamed (ezkl binds `batch_size`). */
  batchDim: string | number | null;
  outputs: number;
  layers: MlpLayer[];
};

export type ParseOnnxMlpParameters = { onnx: Uint8Array };
export type ParseOnnxMlpReturnType = MlpGraph;

/**
 * Reads an ONNX model that is a chain of Gemm / MatMul(+Add) / Relu / Sigmoid on one input
 * [batch, F]. Gemm's beta is folded into the bias, as tract folds the constant product before
 * ezkl sees it; alpha ≠ 1 is refused (ezkl lowers it to a separate scaling node that the
 * compiler does not emit). Anything else — another
 * operator, a branch, a second input, weights computed at run time — is refused with
 * OnnxError (ONNX_UNSUPPORTED_GRAPH), because the circuit would not compute what onnxruntime computes.
 */
export function parseOnnxMlp({ onnx }: ParseOnnxMlpParameters): ParseOnnxMlpReturnType {
  const { nodes, initializers, inputName, features, batchDim, outputName } = decodeOnnxGraph(onnx);
  const layers: MlpLayer[] = [];
  let current = inputName;
  let width = features;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const data = (node.input ?? []).filter((n) => !initializers.has(n));
    if (data.length !== 1 || data[0] !== current) {
      throw new OnnxError(
        "ONNX_UNSUPPORTED_GRAPH",
        `Node ${node.name || node.opType} is not part of a single chain from the input`,
      );
    }
    switch (node.opType) {
      case "Gemm": {
        const layer = gemmLayer(node, initializers, width);
        layers.push(layer);
        width = layer.outFeatures;
        break;
      }
      case "MatMul": {
        const w = constantInput(node, 1, initializers);
        if (w.dims.length !== 2 || w.dims[0] !== width)
          throw new OnnxError(
            "ONNX_UNSUPPORTED_GRAPH",
            `MatMul ${node.name}: weight must be [${width}, N], got [${w.dims}]`,
          );
        const [k, n] = w.dims;
        layers.push({
          kind: "linear",
          inFeatures: k,
          outFeatures: n,
          weight: transpose(w.data, k, n),
          bias: null,
          layout: "inOut",
        });
        width = n;
        break;
      }
      case "Add": {
        const prev = layers.at(-1);
        if (!prev || prev.kind !== "linear" || prev.bias)
          throw new OnnxError(
            "ONNX_UNSUPPORTED_GRAPH",
            `Add ${node.name} must directly follow a MatMul or bias-free Gemm`,
          );
        const other = (node.input ?? []).find((n) => n !== current);
        const b = other === undefined ? undefined : initializers.get(other);
        if (!b || b.data.length !== prev.outFeatures)
          throw new OnnxError(
            "ONNX_UNSUPPORTED_GRAPH",
            `Add ${node.name}: expected a constant bias of ${prev.outFeatures} values`,
          );
        prev.bias = b.data;
        break;
      }
      case "Relu":
        layers.push({ kind: "relu" });
        break;
      case "Sigmoid":
        layers.push({ kind: "sigmoid" });
        break;
      // decodeOnnxGraph has refused every operator outside SUPPORTED_OPERATORS.
    }
    current = node.output?.[0] ?? "";
  }
  if (current !== outputName)
    throw new OnnxError("ONNX_UNSUPPORTED_GRAPH", "The chain does not end at the graph output");
  if (!layers.some((l) => l.kind === "linear"))
    throw new OnnxError("ONNX_UNSUPPORTED_GRAPH", "Model has no linear layer");
  return { features, batchDim, outputs: width, layers };
}

function constantInput(node: OnnxNode, index: number, initializers: Map<string, OnnxInitializer>) {
  const name = node.input?.[index];
  const t = name === undefined ? undefined : initializers.get(name);
  if (!t)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `${node.opType} ${node.name}: input ${index} must be a constant initializer`,
    );
  return t;
}

function attr(
  node: OnnxNode,
  name: string,
): { f?: number | null; i?: number | { toNumber(): number } | null } | undefined {
  return node.attribute?.find((a) => a.name === name) ?? undefined;
}

function intAttr(node: OnnxNode, name: string, fallback: number): number {
  const a = attr(node, name);
  if (!a || a.i === undefined || a.i === null) return fallback;
  return typeof a.i === "number" ? a.i : a.i.toNumber();
}

function floatAttr(node: OnnxNode, name: string, fallback: number): number {
  const a = attr(node, name);
  return a?.f ?? fallback;
}

function gemmLayer(
  node: OnnxNode,
  initializers: Map<string, OnnxInitializer>,
  width: number,
): MlpLinear {
  if (intAttr(node, "transA", 0) !== 0)
    throw new OnnxError("ONNX_UNSUPPORTED_GRAPH", `Gemm ${node.name}: transA=1 is not supported`);
  const transB = intAttr(node, "transB", 0);
  const alpha = floatAttr(node, "alpha", 1);
  const beta = floatAttr(node, "beta", 1);
  const w = constantInput(node, 1, initializers);
  if (w.dims.length !== 2)
    throw new OnnxError("ONNX_UNSUPPORTED_GRAPH", `Gemm ${node.name}: weight must be 2-D`);
  // Stored as [N][K] whatever the layout; buildModel writes the ONNX layout back.
  const [k, n] = transB ? [w.dims[1], w.dims[0]] : [w.dims[0], w.dims[1]];
  if (k !== width)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `Gemm ${node.name}: expects ${k} inputs, previous layer gives ${width}`,
    );
  if (alpha !== 1)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `Gemm ${node.name}: alpha=${alpha} is not supported`,
      { details: "fold alpha into the weights before export" },
    );
  const weight = transB ? Float32Array.from(w.data) : transpose(w.data, k, n);
  let bias: Float32Array | null = null;
  if ((node.input?.length ?? 0) > 2 && node.input?.[2]) {
    const c = constantInput(node, 2, initializers);
    if (c.data.length !== n)
      throw new OnnxError(
        "ONNX_UNSUPPORTED_GRAPH",
        `Gemm ${node.name}: bias must have ${n} values (no other broadcast is supported)`,
      );
    bias = Float32Array.from(c.data, (v) => v * beta);
  }
  return {
    kind: "linear",
    inFeatures: k,
    outFeatures: n,
    weight,
    bias,
    layout: transB ? "outIn" : "inOut",
  };
}
