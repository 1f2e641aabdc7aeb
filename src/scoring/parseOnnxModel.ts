import onnxProto from "onnx-proto";
import { ScoringError } from "./errors.js";

const { onnx } = onnxProto;

/** Operators the EZKL circuit compiler supports; any other operator is refused before loading. */
export const SUPPORTED_OPERATORS: ReadonlySet<string> = new Set(["Gemm", "MatMul", "Add", "Relu", "Sigmoid"]);

export type OnnxTensor = { dims: number[]; data: Float64Array };
export type OnnxNode = { opType: string; inputs: string[]; outputs: string[]; attributes: Record<string, number> };

/** What the scorer needs from a model file: graph, tensors, I/O shapes, metadata. */
export type ParsedOnnxModel = {
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  inputName: string;
  /** Width of the input (second dimension of `[N, F]`). */
  inputSize: number;
  outputName: string;
  metadata: Record<string, string>;
};

/** Decodes an ONNX file and checks it only uses supported operators and one `[N, F]` input. */
export function parseOnnxModel(bytes: Uint8Array): ParsedOnnxModel {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new ScoringError("SCORING_MODEL_UNREADABLE", "Model file is not a valid ONNX protobuf", { cause: String(cause) });
  }
  const graph = model.graph;
  if (!graph) throw new ScoringError("SCORING_MODEL_UNREADABLE", "ONNX model has no graph");
  const unsupported = [...new Set((graph.node ?? []).map((n) => n.opType ?? "").filter((op) => !SUPPORTED_OPERATORS.has(op)))];
  if (unsupported.length > 0) throw new ScoringError("SCORING_UNSUPPORTED_OPERATOR", `Model uses operators the circuit cannot compile: ${unsupported.join(", ")}`, { unsupported });

  const initializers = new Map<string, OnnxTensor>();
  for (const t of graph.initializer ?? []) {
    const dims = (t.dims ?? []).map(Number);
    let data: Float64Array;
    if (t.floatData && t.floatData.length > 0) data = Float64Array.from(t.floatData);
    else if (t.rawData && t.rawData.length > 0) {
      const raw = t.rawData;
      data = Float64Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
    } else data = new Float64Array(0);
    initializers.set(t.name ?? "", { dims, data });
  }
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? ""));
  if (inputs.length !== 1 || (graph.output ?? []).length !== 1) throw new ScoringError("SCORING_INPUT_MISMATCH", "Model must have exactly one input and one output", { inputs: inputs.length });
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  const inputSize = dims.length === 2 ? Number(dims[1].dimValue ?? 0) : 0;
  if (inputSize <= 0) throw new ScoringError("SCORING_INPUT_MISMATCH", "Model input must have shape [N, F] with a fixed F");

  return {
    nodes: (graph.node ?? []).map((n) => ({
      opType: n.opType ?? "",
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attributes: Object.fromEntries((n.attribute ?? []).map((a) => [a.name ?? "", a.type === onnx.AttributeProto.AttributeType.FLOAT ? (a.f ?? 0) : Number(a.i ?? 0)])),
    })),
    initializers,
    inputName: inputs[0].name ?? "",
    inputSize,
    outputName: graph.output![0].name ?? "",
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? "", p.value ?? ""])),
  };
}
