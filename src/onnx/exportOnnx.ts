import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

export const ONNX_INPUT_NAME = "features";
export const ONNX_OUTPUT_NAME = "risk";

/** A dense layer as the trainer holds it (src/model/mlp.ts): W row-major [outputs][inputs]. */
export type ExportOnnxLayer = {
  inputs: number;
  outputs: number;
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
  /** "linear": the Gemm's output is the layer's output (no activation node). */
  activation: "relu" | "sigmoid" | "linear";
};

/**
 * The ONNX tensor a layer's output is called (the last layer's is the graph output): how the
 * metadata names an inner value, such as the probability under the expected-shortfall head.
 */
export function layerOutputName(layer: number, layers: number): string {
  if (layer === layers - 1) return ONNX_OUTPUT_NAME;
  return `layer${layer}.act`;
}

export type ExportOnnxParameters = {
  /** The network on raw features (scaling already folded into the first layer). */
  mlp: { layers: readonly ExportOnnxLayer[] };
  /** metadata_props: feature version and names, scaling, provenance. */
  metadata: Record<string, string>;
};

/**
 * Serialises the MLP as an ONNX model of Gemm (transB = 1), Relu and Sigmoid only — the
 * operators the EZKL circuit compiler supports. Input `features` [N, F] float32, output
 * `risk` [N, 1]. No timestamps: the same weights give the same bytes (and model hash).
 */
export function exportOnnx({ mlp, metadata }: ExportOnnxParameters): Uint8Array {
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  let current = ONNX_INPUT_NAME;
  mlp.layers.forEach((L, l) => {
    const w = `layer${l}.weight`;
    const b = `layer${l}.bias`;
    initializers.push(
      onnx.TensorProto.create({
        name: w,
        dims: [L.outputs, L.inputs],
        dataType: onnx.TensorProto.DataType.FLOAT,
        floatData: Array.from(L.weights),
      }),
    );
    initializers.push(
      onnx.TensorProto.create({
        name: b,
        dims: [L.outputs],
        dataType: onnx.TensorProto.DataType.FLOAT,
        floatData: Array.from(L.bias),
      }),
    );
    const out = layerOutputName(l, mlp.layers.length);
    const gemmOut = L.activation === "linear" ? out : `layer${l}.linear`;
    nodes.push(
      onnx.NodeProto.create({
        name: `gemm${l}`,
        opType: "Gemm",
        input: [current, w, b],
        output: [gemmOut],
        attribute: [
          onnx.AttributeProto.create({
            name: "transB",
            type: onnx.AttributeProto.AttributeType.INT,
            i: 1,
          }),
        ],
      }),
    );
    current = out;
    if (L.activation === "linear") return;
    nodes.push(
      onnx.NodeProto.create({
        name: `${L.activation}${l}`,
        opType: L.activation === "relu" ? "Relu" : "Sigmoid",
        input: [gemmOut],
        output: [out],
      }),
    );
  });
  const tensor = (name: string, dim: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: onnx.TensorShapeProto.create({ dim: [{ dimParam: "N" }, { dimValue: dim }] }),
        }),
      }),
    });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "beacon-risk-oracle",
    producerVersion: "1",
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: "", version: 13 })],
    graph: onnx.GraphProto.create({
      name: "operator_risk",
      node: nodes,
      initializer: initializers,
      input: [tensor(ONNX_INPUT_NAME, mlp.layers[0].inputs)],
      output: [tensor(ONNX_OUTPUT_NAME, 1)],
    }),
    metadataProps: Object.entries(metadata).map(([key, value]) =>
      onnx.StringStringEntryProto.create({ key, value }),
    ),
  });
  return onnx.ModelProto.encode(model).finish();
}
