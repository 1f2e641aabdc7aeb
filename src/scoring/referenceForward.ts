import { ScoringError } from "./errors.js";
import type { ParsedOnnxModel } from "../onnx/index.js";

type Matrix = { rows: number; cols: number; data: Float64Array };

export type ReferenceForwardParameters = {
  model: ParsedOnnxModel;
  input: ArrayLike<number>;
  rows: number;
  /** The tensor to return (one column): the graph output by default, or an inner value. */
  output?: string;
};

/**
 * A plain TypeScript interpreter of the supported operators (Gemm, MatMul, Add, Relu, Sigmoid),
 * in float64, in node order. It checks onnxruntime's results and is what an auditor can read
 * to see exactly what the model computes. Returns the output column (one value per row).
 */
export function referenceForward({
  model,
  input,
  rows,
  output,
}: ReferenceForwardParameters): Float64Array {
  const values = new Map<string, Matrix>();
  values.set(model.inputName, { rows, cols: model.inputSize, data: Float64Array.from(input) });
  const get = (name: string): Matrix => {
    const v = values.get(name);
    if (v) return v;
    const t = model.initializers.get(name);
    if (!t)
      throw new ScoringError("SCORING_INPUT_MISMATCH", `Unknown tensor ${name}`, { tensor: name });
    return t.dims.length === 2
      ? { rows: t.dims[0], cols: t.dims[1], data: t.data }
      : { rows: 1, cols: t.data.length, data: t.data };
  };
  for (const node of model.nodes) {
    const [a, b, c] = node.inputs.map((n) => (n === "" ? undefined : get(n)));
    let out: Matrix;
    switch (node.opType) {
      case "Gemm": {
        const alpha = node.attributes.alpha ?? 1;
        const beta = node.attributes.beta ?? 1;
        out = matmul(
          node.attributes.transA ? transpose(a!) : a!,
          node.attributes.transB ? transpose(b!) : b!,
          alpha,
        );
        if (c) out = add(out, c, beta);
        break;
      }
      case "MatMul":
        out = matmul(a!, b!, 1);
        break;
      case "Add":
        out = add(a!, b!, 1);
        break;
      case "Relu":
        out = map(a!, (x) => (x > 0 ? x : 0));
        break;
      case "Sigmoid":
        out = map(a!, (x) => 1 / (1 + Math.exp(-x)));
        break;
      default:
        throw new ScoringError(
          "SCORING_UNSUPPORTED_OPERATOR",
          `Unsupported operator ${node.opType}`,
          { unsupported: [String(node.opType)] },
        );
    }
    values.set(node.outputs[0], out);
  }
  return get(output ?? model.outputName).data;
}

function transpose(m: Matrix): Matrix {
  const data = new Float64Array(m.data.length);
  for (let r = 0; r < m.rows; r++)
    for (let c = 0; c < m.cols; c++) data[c * m.rows + r] = m.data[r * m.cols + c];
  return { rows: m.cols, cols: m.rows, data };
}

function matmul(a: Matrix, b: Matrix, alpha: number): Matrix {
  if (a.cols !== b.rows)
    throw new ScoringError(
      "SCORING_INPUT_MISMATCH",
      `Shape mismatch ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`,
    );
  const data = new Float64Array(a.rows * b.cols);
  for (let r = 0; r < a.rows; r++)
    for (let k = 0; k < a.cols; k++) {
      const av = a.data[r * a.cols + k] * alpha;
      if (av === 0) continue;
      for (let c = 0; c < b.cols; c++) data[r * b.cols + c] += av * b.data[k * b.cols + c];
    }
  return { rows: a.rows, cols: b.cols, data };
}

/** a + beta·b with b broadcast over rows when it is a single row (a bias). */
function add(a: Matrix, b: Matrix, beta: number): Matrix {
  const data = Float64Array.from(a.data);
  for (let r = 0; r < a.rows; r++)
    for (let c = 0; c < a.cols; c++)
      data[r * a.cols + c] +=
        beta * b.data[(b.rows === 1 ? 0 : r) * b.cols + (b.cols === 1 ? 0 : c)];
  return { rows: a.rows, cols: a.cols, data };
}

function map(a: Matrix, f: (x: number) => number): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map(f) };
}
