import onnxProto from "onnx-proto";
import { UnsupportedModelError } from "./errors.js";

type OnnxNode = onnxProto.onnx.INodeProto;
type OnnxTensor = onnxProto.onnx.ITensorProto;

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

const FLOAT = 1;

/**
 * Reads an ONNX model that is a chain of Gemm / MatMul(+Add) / Relu / Sigmoid on one input
 * [batch, F]. Gemm's beta is folded into the bias, as tract folds the constant product before
 * ezkl sees it; alpha ≠ 1 is refused (ezkl lowers it to a separate scaling node that the
 * compiler does not emit). Anything else — another
 * operator, a branch, a second input, weights computed at run time — is refused with
 * UnsupportedModelError, because the circuit would not compute what onnxruntime computes.
 */
export function parseOnnxMlp({ onnx }: ParseOnnxMlpParameters): ParseOnnxMlpReturnType {
  let model;
  try {
    model = onnxProto.onnx.ModelProto.decode(onnx);
  } catch (cause) {
    throw new UnsupportedModelError("Not a readable ONNX model", { cause });
  }
  const graph = model.graph;
  if (!graph) throw new UnsupportedModelError("ONNX model has no graph");

  const initializers = new Map<string, { dims: number[]; data: Float32Array }>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? "", readTensor(t));

  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? ""));
  if (inputs.length !== 1) throw new UnsupportedModelError(`Expected one graph input, found ${inputs.length}`);
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  if (dims.length !== 2) throw new UnsupportedModelError(`Input must be [batch, F], got rank ${dims.length}`);
  const features = Number(dims[1].dimValue ?? 0);
  const batchDim = dims[0].dimParam ? dims[0].dimParam : Number(dims[0].dimValue ?? 0) > 0 ? Number(dims[0].dimValue) : null;
  if (!(features > 0)) throw new UnsupportedModelError("Input feature dimension must be a fixed positive size");
  if ((graph.output ?? []).length !== 1) throw new UnsupportedModelError("Expected exactly one graph output");

  const layers: MlpLayer[] = [];
  let current = inputs[0].name ?? "";
  let width = features;
  const nodes = graph.node ?? [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const data = (node.input ?? []).filter((n) => !initializers.has(n));
    if (data.length !== 1 || data[0] !== current) {
      throw new UnsupportedModelError(`Node ${node.name || node.opType} is not part of a single chain from the input`);
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
        if (w.dims.length !== 2 || w.dims[0] !== width) throw new UnsupportedModelError(`MatMul ${node.name}: weight must be [${width}, N], got [${w.dims}]`);
        const [k, n] = w.dims;
        layers.push({ kind: "linear", inFeatures: k, outFeatures: n, weight: transpose(w.data, k, n), bias: null, layout: "inOut" });
        width = n;
        break;
      }
      case "Add": {
        const prev = layers.at(-1);
        if (!prev || prev.kind !== "linear" || prev.bias) throw new UnsupportedModelError(`Add ${node.name} must directly follow a MatMul or bias-free Gemm`);
        const other = (node.input ?? []).find((n) => n !== current);
        const b = other === undefined ? undefined : initializers.get(other);
        if (!b || b.data.length !== prev.outFeatures) throw new UnsupportedModelError(`Add ${node.name}: expected a constant bias of ${prev.outFeatures} values`);
        prev.bias = b.data;
        break;
      }
      case "Relu":
        layers.push({ kind: "relu" });
        break;
      case "Sigmoid":
        layers.push({ kind: "sigmoid" });
        break;
      default:
        throw new UnsupportedModelError(`Unsupported ONNX operator ${node.opType}`, {
          details: "The circuit compiler supports Gemm, MatMul, Add (bias), Relu and Sigmoid",
        });
    }
    current = node.output?.[0] ?? "";
  }
  if (current !== graph.output?.[0]?.name) throw new UnsupportedModelError("The chain does not end at the graph output");
  if (!layers.some((l) => l.kind === "linear")) throw new UnsupportedModelError("Model has no linear layer");
  return { features, batchDim, outputs: width, layers };
}

function readTensor(t: OnnxTensor): { dims: number[]; data: Float32Array } {
  if (t.dataType !== FLOAT) throw new UnsupportedModelError(`Initializer ${t.name} has data type ${t.dataType}; only float32 is supported`);
  const dims = (t.dims ?? []).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  let data: Float32Array;
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * 4) throw new UnsupportedModelError(`Initializer ${t.name}: ${t.rawData.length} bytes for ${count} floats`);
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    data = Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
  } else {
    data = Float32Array.from(t.floatData ?? []);
    if (data.length !== count) throw new UnsupportedModelError(`Initializer ${t.name}: ${data.length} floats for shape [${dims}]`);
  }
  return { dims, data };
}

function constantInput(node: OnnxNode, index: number, initializers: Map<string, { dims: number[]; data: Float32Array }>) {
  const name = node.input?.[index];
  const t = name === undefined ? undefined : initializers.get(name);
  if (!t) throw new UnsupportedModelError(`${node.opType} ${node.name}: input ${index} must be a constant initializer`);
  return t;
}

function attr(node: OnnxNode, name: string): { f?: number | null; i?: number | { toNumber(): number } | null } | undefined {
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

function gemmLayer(node: OnnxNode, initializers: Map<string, { dims: number[]; data: Float32Array }>, width: number): MlpLinear {
  if (intAttr(node, "transA", 0) !== 0) throw new UnsupportedModelError(`Gemm ${node.name}: transA=1 is not supported`);
  const transB = intAttr(node, "transB", 0);
  const alpha = floatAttr(node, "alpha", 1);
  const beta = floatAttr(node, "beta", 1);
  const w = constantInput(node, 1, initializers);
  if (w.dims.length !== 2) throw new UnsupportedModelError(`Gemm ${node.name}: weight must be 2-D`);
  // Stored as [N][K] whatever the layout; buildModel writes the ONNX layout back.
  const [k, n] = transB ? [w.dims[1], w.dims[0]] : [w.dims[0], w.dims[1]];
  if (k !== width) throw new UnsupportedModelError(`Gemm ${node.name}: expects ${k} inputs, previous layer gives ${width}`);
  if (alpha !== 1) throw new UnsupportedModelError(`Gemm ${node.name}: alpha=${alpha} is not supported`, { details: "fold alpha into the weights before export" });
  const weight = transB ? Float32Array.from(w.data) : transpose(w.data, k, n);
  let bias: Float32Array | null = null;
  if ((node.input?.length ?? 0) > 2 && node.input?.[2]) {
    const c = constantInput(node, 2, initializers);
    if (c.data.length !== n) throw new UnsupportedModelError(`Gemm ${node.name}: bias must have ${n} values (no other broadcast is supported)`);
    bias = Float32Array.from(c.data, (v) => v * beta);
  }
  return { kind: "linear", inFeatures: k, outFeatures: n, weight, bias, layout: transB ? "outIn" : "inOut" };
}

function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}
