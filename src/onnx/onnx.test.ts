import assert from "node:assert/strict";
import { test } from "node:test";
import onnxProto from "onnx-proto";
import {
  buildMlpOnnx,
  exportOnnx,
  OnnxError,
  parseOnnxMlp,
  parseOnnxModel,
  SUPPORTED_OPERATORS,
} from "./index.js";

const layers = [
  {
    weight: Float32Array.from([1, 2, 3, 4, 5, 6]),
    bias: Float32Array.from([0.5, -0.5]),
    inFeatures: 3,
    outFeatures: 2,
  },
  { weight: Float32Array.from([1, -1]), bias: null, inFeatures: 2, outFeatures: 1 },
];

/** A model with one node's operator replaced. */
function withOperator(bytes: Uint8Array, opType: string): Uint8Array {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  model.graph!.node![1].opType = opType;
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

test("both readers refuse an operator outside the one supported list, with the same code", () => {
  assert.deepEqual([...SUPPORTED_OPERATORS].sort(), ["Add", "Gemm", "MatMul", "Relu", "Sigmoid"]);
  const tanh = withOperator(buildMlpOnnx({ layers }), "Tanh");
  const refused = (e: unknown) =>
    e instanceof OnnxError &&
    e.code === "ONNX_UNSUPPORTED_OPERATOR" &&
    (e.meta as { unsupported: string[] }).unsupported[0] === "Tanh";
  assert.throws(() => parseOnnxModel(tanh), refused);
  assert.throws(() => parseOnnxMlp({ onnx: tanh }), refused);
});

test("both readers read what both writers write, the same weights", () => {
  for (const useMatMul of [false, true]) {
    const bytes = buildMlpOnnx({ layers, useMatMul });
    const mlp = parseOnnxMlp({ onnx: bytes });
    assert.equal(mlp.features, 3);
    assert.deepEqual(
      mlp.layers.map((l) => l.kind),
      ["linear", "relu", "linear", "sigmoid"],
    );
    const first = mlp.layers[0];
    assert.ok(first.kind === "linear");
    assert.deepEqual([...first.weight], [1, 2, 3, 4, 5, 6], "[out][in] whatever the ONNX form");
    assert.equal(parseOnnxModel(bytes).inputSize, 3);
  }
  const exported = exportOnnx({
    mlp: {
      layers: [{ inputs: 2, outputs: 1, weights: [0.25, -2], bias: [1], activation: "sigmoid" }],
    },
    metadata: { feature_version: "test" },
  });
  const model = parseOnnxModel(exported);
  assert.deepEqual(model.metadata, { feature_version: "test" });
  assert.deepEqual([...model.initializers.get("layer0.weight")!.data], [0.25, -2]);
  const mlp = parseOnnxMlp({ onnx: exported });
  assert.equal(mlp.batchDim, "N");
  assert.deepEqual(
    mlp.layers.map((l) => l.kind),
    ["linear", "sigmoid"],
  );
});

test("bytes that are not ONNX are ONNX_UNREADABLE for both readers", () => {
  const junk = new TextEncoder().encode("not a model");
  const unreadable = (e: unknown) => e instanceof OnnxError && e.code === "ONNX_UNREADABLE";
  assert.throws(() => parseOnnxModel(junk), unreadable);
  assert.throws(() => parseOnnxMlp({ onnx: junk }), unreadable);
});
