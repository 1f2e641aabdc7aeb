import onnxProto from "onnx-proto";
import { OnnxError } from "./errors.js";
import { SUPPORTED_OPERATORS } from "./supportedOperators.js";

const FLOAT = 1;

export type OnnxInitializer = { dims: number[]; data: Float32Array };

export type DecodeOnnxGraphReturnType = {
  nodes: onnxProto.onnx.INodeProto[];
  /** constant tensors by name, float32 only */
  initializers: Map<string, OnnxInitializer>;
  inputName: string;
  /** width F of the one input [batch, F] */
  features: number;
  /** the input's batch dimension: a symbol, a fixed size, or null when unnamed */
  batchDim: string | number | null;
  outputName: string;
  metadata: Record<string, string>;
};

/**
 * What both readers share: decodes the protobuf, refuses an operator outside
 * SUPPORTED_OPERATORS, reads the float32 initializers (raw or float_data) with their sizes
 * checked, and requires one input [batch, F] with a fixed F and one output.
 */
export function decodeOnnxGraph(bytes: Uint8Array): DecodeOnnxGraphReturnType {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnxProto.onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new OnnxError("ONNX_UNREADABLE", "Not a readable ONNX model", { cause });
  }
  const graph = model.graph;
  if (!graph) throw new OnnxError("ONNX_UNREADABLE", "ONNX model has no graph");
  const nodes = graph.node ?? [];
  const unsupported = [
    ...new Set(nodes.map((n) => n.opType ?? "").filter((op) => !SUPPORTED_OPERATORS.has(op))),
  ];
  if (unsupported.length > 0) {
    throw new OnnxError(
      "ONNX_UNSUPPORTED_OPERATOR",
      `Model uses operators the circuit cannot compile: ${unsupported.join(", ")}`,
      {
        details: `supported: ${[...SUPPORTED_OPERATORS].join(", ")}`,
        meta: { unsupported },
      },
    );
  }
  const initializers = new Map<string, OnnxInitializer>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? "", readTensor(t));

  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? ""));
  if (inputs.length !== 1)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `Expected one graph input, found ${inputs.length}`,
      { meta: { inputs: inputs.length } },
    );
  if ((graph.output ?? []).length !== 1)
    throw new OnnxError("ONNX_UNSUPPORTED_GRAPH", "Expected exactly one graph output");
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  if (dims.length !== 2)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `Input must be [batch, F], got rank ${dims.length}`,
    );
  const features = Number(dims[1].dimValue ?? 0);
  if (!(features > 0))
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      "Input feature dimension must be a fixed positive size",
    );
  const batchDim = dims[0].dimParam
    ? dims[0].dimParam
    : Number(dims[0].dimValue ?? 0) > 0
      ? Number(dims[0].dimValue)
      : null;
  return {
    nodes,
    initializers,
    inputName: inputs[0].name ?? "",
    features,
    batchDim,
    outputName: graph.output?.[0]?.name ?? "",
    metadata: Object.fromEntries(
      (model.metadataProps ?? []).map((p) => [p.key ?? "", p.value ?? ""]),
    ),
  };
}

function readTensor(t: onnxProto.onnx.ITensorProto): OnnxInitializer {
  if (t.dataType !== FLOAT)
    throw new OnnxError(
      "ONNX_UNSUPPORTED_GRAPH",
      `Initializer ${t.name} has data type ${t.dataType}; only float32 is supported`,
    );
  const dims = (t.dims ?? []).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  let data: Float32Array;
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * 4)
      throw new OnnxError(
        "ONNX_UNSUPPORTED_GRAPH",
        `Initializer ${t.name}: ${t.rawData.length} bytes for ${count} floats`,
      );
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    data = Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
  } else {
    data = Float32Array.from(t.floatData ?? []);
    if (data.length !== count)
      throw new OnnxError(
        "ONNX_UNSUPPORTED_GRAPH",
        `Initializer ${t.name}: ${data.length} floats for shape [${dims}]`,
      );
  }
  return { dims, data };
}
