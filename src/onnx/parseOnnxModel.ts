import onnxProto from "onnx-proto";
import { decodeOnnxGraph } from "./decodeOnnxGraph.js";

export type OnnxTensor = { dims: number[]; data: Float64Array };
export type OnnxNode = {
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, number>;
};

/** The scorer's view of a model file: the graph in node order, its tensors, I/O and metadata. */
export type ParsedOnnxModel = {
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  inputName: string;
  /** Width of the input (second dimension of `[N, F]`). */
  inputSize: number;
  outputName: string;
  metadata: Record<string, string>;
};

/**
 * Decodes an ONNX file for the scorer's interpreter (src/scoring/referenceForward.ts): any
 * graph of the supported operators on one `[N, F]` input, tensors widened to float64.
 */
export function parseOnnxModel(bytes: Uint8Array): ParsedOnnxModel {
  const graph = decodeOnnxGraph(bytes);
  return {
    nodes: graph.nodes.map((n) => ({
      opType: n.opType ?? "",
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attributes: Object.fromEntries(
        (n.attribute ?? []).map((a) => [
          a.name ?? "",
          a.type === onnxProto.onnx.AttributeProto.AttributeType.FLOAT
            ? (a.f ?? 0)
            : Number(a.i ?? 0),
        ]),
      ),
    })),
    initializers: new Map(
      [...graph.initializers].map(([name, t]) => [
        name,
        { dims: t.dims, data: Float64Array.from(t.data) },
      ]),
    ),
    inputName: graph.inputName,
    inputSize: graph.features,
    outputName: graph.outputName,
    metadata: graph.metadata,
  };
}
