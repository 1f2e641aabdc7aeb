import onnxProto from "onnx-proto";
import { transpose } from "./transpose.js";

/** How a dense layer is written: Gemm with W as [out][in] (transB=1) or [in][out] (transB=0), or MatMul (+ Add). */
export type OnnxLinearForm = "Gemm" | "GemmTransB0" | "MatMul";

export type BuildMlpOnnxLayer = {
  /** Row-major [out][in] (Gemm transB=1 layout), whatever form the layer is written in. */
  weight: Float32Array;
  /** Omitted or null: a Gemm without C, or a MatMul without the Add. */
  bias?: Float32Array | null;
  inFeatures: number;
  outFeatures: number;
  /** Overrides `useMatMul` for this layer. */
  form?: OnnxLinearForm;
  /** Overrides `hidden` / `final` for this layer (null: none). */
  activation?: "Relu" | "Sigmoid" | null;
};

export type BuildMlpOnnxParameters = {
  layers: BuildMlpOnnxLayer[];
  /** Activation after each hidden layer, and the final one. */
  hidden?: "Relu";
  final?: "Sigmoid" | "Relu" | null;
  /** Write MatMul+Add instead of Gemm (both are what exporters produce). */
  useMatMul?: boolean;
  /** The batch dimension: a symbol name (default "batch_size", what ezkl binds by default) or a fixed size. */
  batchDim?: string | number;
};

/**
 * Writes an ONNX MLP of the shape the risk model uses (input [batch, F], opset 13): for tests,
 * the benchmark and the compiler conformance corpus, and as the reference for onnxruntime.
 */
export function buildMlpOnnx({
  layers,
  hidden = "Relu",
  final = "Sigmoid",
  useMatMul = false,
  batchDim = "batch_size",
}: BuildMlpOnnxParameters): Uint8Array {
  const { onnx } = onnxProto;
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const inits: InstanceType<typeof onnx.TensorProto>[] = [];
  let current = "input";
  layers.forEach((l, i) => {
    const out = `dense${i}`;
    const form = l.form ?? (useMatMul ? "MatMul" : "Gemm");
    const bias = l.bias ?? null;
    if (form === "Gemm") inits.push(tensor(`w${i}`, [l.outFeatures, l.inFeatures], l.weight));
    else
      inits.push(
        tensor(
          `w${i}`,
          [l.inFeatures, l.outFeatures],
          transpose(l.weight, l.outFeatures, l.inFeatures),
        ),
      );
    if (bias) inits.push(tensor(`b${i}`, [l.outFeatures], bias));
    if (form === "MatMul") {
      const product = bias ? `${out}_mm` : out;
      nodes.push(
        onnx.NodeProto.create({
          opType: "MatMul",
          input: [current, `w${i}`],
          output: [product],
          name: `MatMul_${i}`,
        }),
      );
      if (bias)
        nodes.push(
          onnx.NodeProto.create({
            opType: "Add",
            input: [product, `b${i}`],
            output: [out],
            name: `Add_${i}`,
          }),
        );
    } else {
      nodes.push(
        onnx.NodeProto.create({
          opType: "Gemm",
          input: bias ? [current, `w${i}`, `b${i}`] : [current, `w${i}`],
          output: [out],
          name: `Gemm_${i}`,
          attribute: [
            onnx.AttributeProto.create({
              name: "alpha",
              f: 1,
              type: onnx.AttributeProto.AttributeType.FLOAT,
            }),
            onnx.AttributeProto.create({
              name: "beta",
              f: 1,
              type: onnx.AttributeProto.AttributeType.FLOAT,
            }),
            onnx.AttributeProto.create({
              name: "transB",
              i: form === "Gemm" ? 1 : 0,
              type: onnx.AttributeProto.AttributeType.INT,
            }),
          ],
        }),
      );
    }
    current = out;
    const act = l.activation !== undefined ? l.activation : i < layers.length - 1 ? hidden : final;
    if (act) {
      nodes.push(
        onnx.NodeProto.create({
          opType: act,
          input: [current],
          output: [`${act.toLowerCase()}${i}`],
          name: `${act}_${i}`,
        }),
      );
      current = `${act.toLowerCase()}${i}`;
    }
  });
  const batch = typeof batchDim === "number" ? { dimValue: batchDim } : { dimParam: batchDim };
  const io = (name: string, width: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: 1, shape: { dim: [batch, { dimValue: width }] } } },
    });
  const graph = onnx.GraphProto.create({
    name: "mlp",
    node: nodes,
    initializer: inits,
    input: [io("input", layers[0].inFeatures)],
    output: [io(current, layers.at(-1)!.outFeatures)],
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "beacon-risk-oracle",
    opsetImport: [{ version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function tensor(name: string, dims: number[], data: Float32Array) {
  return onnxProto.onnx.TensorProto.create({
    name,
    dims,
    dataType: 1,
    rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  });
}
