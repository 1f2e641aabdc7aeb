import onnxProto from "onnx-proto";

export type BuildMlpOnnxParameters = {
  /** Dense layers in order; weight is [out][in] row-major (Gemm transB=1 layout). */
  layers: { weight: Float32Array; bias: Float32Array; inFeatures: number; outFeatures: number }[];
  /** Activation after each hidden layer, and the final one. */
  hidden?: "Relu";
  final?: "Sigmoid" | "Relu" | null;
  /** Write MatMul+Add instead of Gemm (both are what exporters produce). */
  useMatMul?: boolean;
};

/**
 * Writes an ONNX MLP of the shape the risk model uses (input [batch_size, F], opset 13): for
 * tests and the benchmark while no real model exists, and as the reference for onnxruntime.
 */
export function buildMlpOnnx({ layers, hidden = "Relu", final = "Sigmoid", useMatMul = false }: BuildMlpOnnxParameters): Uint8Array {
  const { onnx } = onnxProto;
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const inits: InstanceType<typeof onnx.TensorProto>[] = [];
  let current = "input";
  layers.forEach((l, i) => {
    const out = `dense${i}`;
    if (useMatMul) {
      const wt = new Float32Array(l.inFeatures * l.outFeatures);
      for (let o = 0; o < l.outFeatures; o++) for (let k = 0; k < l.inFeatures; k++) wt[k * l.outFeatures + o] = l.weight[o * l.inFeatures + k];
      inits.push(tensor(`w${i}`, [l.inFeatures, l.outFeatures], wt), tensor(`b${i}`, [l.outFeatures], l.bias));
      nodes.push(onnx.NodeProto.create({ opType: "MatMul", input: [current, `w${i}`], output: [`${out}_mm`], name: `MatMul_${i}` }));
      nodes.push(onnx.NodeProto.create({ opType: "Add", input: [`${out}_mm`, `b${i}`], output: [out], name: `Add_${i}` }));
    } else {
      inits.push(tensor(`w${i}`, [l.outFeatures, l.inFeatures], l.weight), tensor(`b${i}`, [l.outFeatures], l.bias));
      nodes.push(
        onnx.NodeProto.create({
          opType: "Gemm",
          input: [current, `w${i}`, `b${i}`],
          output: [out],
          name: `Gemm_${i}`,
          attribute: [
            onnx.AttributeProto.create({ name: "alpha", f: 1, type: onnx.AttributeProto.AttributeType.FLOAT }),
            onnx.AttributeProto.create({ name: "beta", f: 1, type: onnx.AttributeProto.AttributeType.FLOAT }),
            onnx.AttributeProto.create({ name: "transB", i: 1, type: onnx.AttributeProto.AttributeType.INT }),
          ],
        }),
      );
    }
    current = out;
    const act = i < layers.length - 1 ? hidden : final;
    if (act) {
      nodes.push(onnx.NodeProto.create({ opType: act, input: [current], output: [`${act.toLowerCase()}${i}`], name: `${act}_${i}` }));
      current = `${act.toLowerCase()}${i}`;
    }
  });
  const io = (name: string, width: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "batch_size" }, { dimValue: width }] } } },
    });
  const graph = onnx.GraphProto.create({
    name: "mlp",
    node: nodes,
    initializer: inits,
    input: [io("input", layers[0].inFeatures)],
    output: [io(current, layers.at(-1)!.outFeatures)],
  });
  const model = onnx.ModelProto.create({ irVersion: 7, producerName: "beacon-risk-oracle", opsetImport: [{ version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

function tensor(name: string, dims: number[], data: Float32Array) {
  return onnxProto.onnx.TensorProto.create({ name, dims, dataType: 1, rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) });
}
