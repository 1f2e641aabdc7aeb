/**
 * The ONNX operators the project reads, scores and compiles into a circuit: the one list the
 * scorer's interpreter (src/scoring/referenceForward.ts), the circuit compiler (src/proving)
 * and the writers keep to. A model with any other operator is refused before it is used.
 */
export const SUPPORTED_OPERATORS: ReadonlySet<string> = new Set([
  "Gemm",
  "MatMul",
  "Add",
  "Relu",
  "Sigmoid",
]);
