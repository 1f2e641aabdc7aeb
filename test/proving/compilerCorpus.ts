/**
 * The compiler conformance corpus: seeded MLPs written with the project's ONNX writers and run
 * arguments sampled across what ezkl's compile-circuit reads, so the project's compiler can be
 * compared byte for byte with native ezkl. The space (ops × layers × scales × batch × visibilities
 * × flags) is sampled, not enumerated: a fixed list of edge cases plus seeded random cases.
 */
import { createRandom, type Random } from "../../src/model/random.js";
import { exportOnnx } from "../../src/onnx/index.js";
import { buildMlpOnnx, type BuildMlpOnnxLayer, type OnnxLinearForm } from "../../src/onnx/index.js";
import { createSettings } from "../../src/proving/createSettings.js";
import type { GraphSettings, RunArgs, Visibility } from "../../src/proving/graphCircuit.js";
import { parseOnnxMlp } from "../../src/onnx/index.js";

export type CorpusCase = {
  name: string;
  onnx: Uint8Array;
  /** The one settings file both compilers get. */
  settings: GraphSettings;
};

type Activation = "Relu" | "Sigmoid" | null;
type LayerSpec = {
  form: OnnxLinearForm;
  bias: boolean;
  out: number;
  activation: Activation;
  values: "random" | "integers" | "halves" | "zeros" | "ones";
};

/** What one case is made of; every field is chosen by the generator or fixed by an edge case. */
export type CaseSpec = {
  features: number;
  layers: LayerSpec[];
  /** `exportOnnx` (the model trainer's writer: Gemm transB=1, float_data, batch symbol "N") or `buildMlpOnnx`. */
  writer: "buildMlpOnnx" | "exportOnnx";
  /** The ONNX batch dimension: a symbol or a fixed size. */
  batchDim: string | number;
  /** Binds the batch symbol in run_args.variables: the ONNX symbol, batch_size, or nothing. */
  variables: [string, number][];
  batch: number;
  inputScale: number;
  paramScale: number;
  rebaseMultiplier: number;
  input: Visibility;
  params: Visibility;
  output: Visibility;
  flags: Pick<
    RunArgs,
    | "rebase_frac_zero_constants"
    | "ignore_range_check_inputs_outputs"
    | "bounded_log_lookup"
    | "check_mode"
    | "commitment"
    | "num_inner_cols"
    | "decomp_base"
    | "decomp_legs"
    | "logrows"
    | "lookup_range"
  >;
  version: string;
};

const PRIVATE: Visibility = { kind: "Private" };
const PUBLIC: Visibility = { kind: "Public" };
const FIXED: Visibility = { kind: "Fixed" };
const hashed = (hash_is_public: boolean): Visibility => ({
  kind: "Hashed",
  value: { hash_is_public, outlets: [] },
});
export const VISIBILITIES: readonly Visibility[] = [
  PRIVATE,
  PUBLIC,
  hashed(true),
  hashed(false),
  FIXED,
];

const DEFAULT_FLAGS: CaseSpec["flags"] = {
  rebase_frac_zero_constants: false,
  ignore_range_check_inputs_outputs: false,
  bounded_log_lookup: false,
  check_mode: "UNSAFE",
  commitment: "KZG",
  num_inner_cols: 2,
  decomp_base: 16384,
  decomp_legs: 2,
  logrows: 17,
  lookup_range: [-32768n, 32768n],
};

/** The production shape: what createSettings writes for the risk model (Hashed inputs and params, public scores). */
const BASE: CaseSpec = {
  features: 4,
  layers: [{ form: "Gemm", bias: true, out: 1, activation: "Sigmoid", values: "random" }],
  writer: "buildMlpOnnx",
  batchDim: "batch_size",
  variables: [["batch_size", 2]],
  batch: 2,
  inputScale: 7,
  paramScale: 7,
  rebaseMultiplier: 1,
  input: hashed(true),
  params: hashed(true),
  output: PUBLIC,
  flags: DEFAULT_FLAGS,
  version: "0.0.0",
};

const edge = (name: string, over: Partial<CaseSpec>): [string, CaseSpec] => {
  const spec = { ...BASE, ...over };
  // Keep the batch binding consistent with the batch unless the case is about the binding itself.
  if (!over.variables && typeof spec.batchDim === "string")
    spec.variables = [[spec.batchDim, spec.batch]];
  return [name, spec];
};

const threeLayers: LayerSpec[] = [
  { form: "Gemm", bias: true, out: 6, activation: "Relu", values: "random" },
  { form: "MatMul", bias: true, out: 3, activation: "Relu", values: "random" },
  { form: "GemmTransB0", bias: true, out: 1, activation: "Sigmoid", values: "random" },
];

/** Edges of every dimension of the space, each also a regression case for a difference once found. */
export const EDGE_CASES: readonly [string, CaseSpec][] = [
  edge("production shape", {}),
  edge("scales 0/0", { inputScale: 0, paramScale: 0 }),
  edge("scales 13/13", { inputScale: 13, paramScale: 13 }),
  edge("scales 0/13", { inputScale: 0, paramScale: 13 }),
  edge("scales 13/0", { inputScale: 13, paramScale: 0 }),
  edge("scales 13/0 three layers", { inputScale: 13, paramScale: 0, layers: threeLayers }),
  edge("scales 2/11 three layers", { inputScale: 2, paramScale: 11, layers: threeLayers }),
  edge("rebase multiplier 2", {
    rebaseMultiplier: 2,
    layers: threeLayers,
    inputScale: 5,
    paramScale: 4,
  }),
  edge("batch 1", { batch: 1 }),
  edge("batch 256", { batch: 256, layers: threeLayers }),
  edge("one feature", {
    features: 1,
    layers: [{ form: "Gemm", bias: true, out: 1, activation: null, values: "random" }],
  }),
  edge("one feature MatMul", {
    features: 1,
    layers: [{ form: "MatMul", bias: true, out: 1, activation: "Relu", values: "random" }],
  }),
  edge("width 1 hidden layer", {
    layers: [
      { form: "Gemm", bias: true, out: 1, activation: "Relu", values: "random" },
      { form: "Gemm", bias: true, out: 3, activation: "Sigmoid", values: "random" },
    ],
  }),
  edge("Gemm transB=0", {
    layers: [{ form: "GemmTransB0", bias: true, out: 3, activation: "Relu", values: "random" }],
  }),
  edge("Gemm transB=0 width 1", {
    layers: [{ form: "GemmTransB0", bias: true, out: 1, activation: "Sigmoid", values: "random" }],
  }),
  edge("MatMul + Add", {
    layers: [{ form: "MatMul", bias: true, out: 3, activation: "Sigmoid", values: "random" }],
  }),
  edge("MatMul width 1", {
    layers: [{ form: "MatMul", bias: true, out: 1, activation: "Sigmoid", values: "random" }],
  }),
  edge("MatMul without bias", {
    layers: [{ form: "MatMul", bias: false, out: 2, activation: "Relu", values: "random" }],
  }),
  edge("Gemm without bias", {
    layers: [{ form: "Gemm", bias: false, out: 2, activation: "Sigmoid", values: "random" }],
  }),
  edge("no activation", {
    layers: [{ form: "Gemm", bias: true, out: 2, activation: null, values: "random" }],
  }),
  edge("Relu output", {
    layers: [{ form: "Gemm", bias: true, out: 2, activation: "Relu", values: "random" }],
  }),
  edge("Sigmoid then Relu", {
    layers: [
      { form: "Gemm", bias: true, out: 3, activation: "Sigmoid", values: "random" },
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "random" },
    ],
  }),
  edge("integer weights", {
    layers: [{ form: "Gemm", bias: true, out: 2, activation: "Sigmoid", values: "integers" }],
  }),
  edge("integer weights, rebase_frac_zero_constants", {
    layers: [
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "integers" },
      { form: "MatMul", bias: true, out: 1, activation: "Sigmoid", values: "random" },
    ],
    flags: { ...DEFAULT_FLAGS, rebase_frac_zero_constants: true },
  }),
  edge("rounding halves", {
    inputScale: 4,
    paramScale: 4,
    layers: [{ form: "Gemm", bias: true, out: 3, activation: "Sigmoid", values: "halves" }],
  }),
  edge("one feature, three outputs (Gemm)", {
    features: 1,
    layers: [{ form: "Gemm", bias: true, out: 3, activation: "Sigmoid", values: "random" }],
  }),
  edge("one feature, three outputs (Gemm transB=0)", {
    features: 1,
    layers: [{ form: "GemmTransB0", bias: true, out: 3, activation: "Sigmoid", values: "random" }],
  }),
  edge("one feature, three outputs (MatMul)", {
    features: 1,
    layers: [{ form: "MatMul", bias: true, out: 3, activation: "Relu", values: "random" }],
  }),
  edge("width 1 between Relus (not squeezed)", {
    layers: [
      { form: "Gemm", bias: true, out: 1, activation: "Relu", values: "random" },
      { form: "Gemm", bias: true, out: 3, activation: "Relu", values: "random" },
    ],
  }),
  edge("batch 1, Relu in every segment", {
    batch: 1,
    layers: [
      { form: "Gemm", bias: true, out: 3, activation: "Relu", values: "random" },
      { form: "MatMul", bias: true, out: 3, activation: "Relu", values: "random" },
      { form: "Gemm", bias: true, out: 2, activation: "Sigmoid", values: "random" },
    ],
  }),
  edge("batch 1, Relu before and after the last layer", {
    batch: 1,
    layers: [
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "random" },
      { form: "Gemm", bias: true, out: 2, activation: "Sigmoid", values: "random" },
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "random" },
    ],
  }),
  edge("repeated weights and biases (shared constants)", {
    features: 2,
    layers: [
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "ones" },
      { form: "Gemm", bias: true, out: 2, activation: "Relu", values: "ones" },
      { form: "MatMul", bias: true, out: 2, activation: null, values: "random" },
    ],
  }),
  edge("zero weights", {
    layers: [{ form: "Gemm", bias: true, out: 2, activation: "Sigmoid", values: "zeros" }],
  }),
  ...VISIBILITIES.flatMap((v, i): [string, CaseSpec][] => [
    edge(`input ${label(v)}`, { input: v }),
    edge(`params ${label(v)}`, { params: v }),
    edge(`output ${label(v)}`, { output: v }),
    edge(`all ${label(v)}`, { input: v, params: v, output: v }),
    edge(`mixed visibility ${i}`, {
      input: VISIBILITIES[(i + 1) % 5],
      params: VISIBILITIES[(i + 2) % 5],
      output: VISIBILITIES[(i + 3) % 5],
    }),
  ]),
  edge("ignore_range_check_inputs_outputs", {
    flags: { ...DEFAULT_FLAGS, ignore_range_check_inputs_outputs: true },
  }),
  edge("SAFE check mode", { flags: { ...DEFAULT_FLAGS, check_mode: "SAFE" } }),
  edge("IPA commitment, 1 inner column", {
    flags: { ...DEFAULT_FLAGS, commitment: "IPA", num_inner_cols: 1 },
  }),
  edge("no commitment", { flags: { ...DEFAULT_FLAGS, commitment: null } }),
  edge("version v21.0.0", { version: "v21.0.0" }),
  edge("model exporter", {
    writer: "exportOnnx",
    batchDim: "N",
    layers: [
      { form: "Gemm", bias: true, out: 3, activation: "Relu", values: "random" },
      { form: "Gemm", bias: true, out: 1, activation: "Sigmoid", values: "random" },
    ],
  }),
  edge("batch symbol N bound as batch_size", { batchDim: "N", variables: [["batch_size", 2]] }),
  edge("batch symbol bound twice", {
    batchDim: "N",
    variables: [
      ["batch_size", 3],
      ["N", 2],
    ],
  }),
  edge("fixed batch dimension", { batchDim: 5, batch: 5, variables: [["batch_size", 1]] }),
  edge("no variables", { variables: [] }),
  edge("batch_size 0", { variables: [["batch_size", 0]] }),
];

function label(v: Visibility): string {
  return v.kind === "Hashed" ? `Hashed(${v.value.hash_is_public ? "public" : "private"})` : v.kind;
}

/** Seeded random cases: every dimension drawn independently (batch log-uniform in 1..256). */
export function randomCases(seed: number, count: number): [string, CaseSpec][] {
  const rng = createRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  return Array.from({ length: count }, (_, i): [string, CaseSpec] => {
    const depth = 1 + rng.int(3);
    const layers: LayerSpec[] = Array.from({ length: depth }, (_, l) => ({
      form: pick<OnnxLinearForm>(["Gemm", "GemmTransB0", "MatMul"]),
      bias: rng.float() < 0.85,
      out: l === depth - 1 ? pick([1, 1, 2, 3]) : 1 + rng.int(6),
      activation: pick<Activation>(
        l === depth - 1 ? ["Sigmoid", "Sigmoid", "Relu", null] : ["Relu", "Relu", "Sigmoid", null],
      ),
      values: pick(["random", "random", "random", "integers", "halves"] as const),
    }));
    const batch = Math.min(256, Math.max(1, Math.round(2 ** (rng.float() * 8))));
    const writer = rng.float() < 0.15 ? "exportOnnx" : "buildMlpOnnx";
    const exporterShape = writer === "exportOnnx";
    const spec: CaseSpec = {
      features: pick([1, 2, 3, 4, 5, 8, 20]),
      // exportOnnx writes Gemm transB=1 with a bias and an activation after every layer.
      layers: exporterShape
        ? layers.map((l) => ({
            ...l,
            form: "Gemm",
            bias: true,
            activation: l.activation ?? "Relu",
          }))
        : layers,
      writer,
      batchDim: exporterShape ? "N" : "batch_size",
      variables: [[exporterShape ? "N" : "batch_size", batch]],
      batch,
      inputScale: rng.int(14),
      paramScale: rng.int(14),
      rebaseMultiplier: rng.float() < 0.85 ? 1 : 2,
      input: pick(VISIBILITIES),
      // Public parameters are refused by ezkl (and by the compiler): sample them rarely.
      params: rng.float() < 0.05 ? PUBLIC : pick([PRIVATE, hashed(true), hashed(false), FIXED]),
      output: pick(VISIBILITIES),
      flags: {
        rebase_frac_zero_constants: rng.float() < 0.25,
        ignore_range_check_inputs_outputs: rng.float() < 0.2,
        bounded_log_lookup: rng.float() < 0.1,
        check_mode: rng.float() < 0.2 ? "SAFE" : "UNSAFE",
        commitment: rng.float() < 0.1 ? "IPA" : "KZG",
        num_inner_cols: 1 + rng.int(2),
        decomp_base: pick([16384, 1024, 65536]),
        decomp_legs: pick([2, 2, 3]),
        logrows: 10 + rng.int(10),
        lookup_range: [BigInt(-rng.int(100_000)), BigInt(rng.int(100_000))],
      },
      version: rng.float() < 0.2 ? "v21.0.0" : "0.0.0",
    };
    return [`random ${i}`, spec];
  });
}

/** The ONNX and settings of one case; weights come from the case's own seeded stream. */
export function buildCase(name: string, spec: CaseSpec, seed: number): CorpusCase {
  const rng = createRandom(seed);
  let width = spec.features;
  const layers: BuildMlpOnnxLayer[] = spec.layers.map((l) => {
    const inFeatures = width;
    width = l.out;
    return {
      inFeatures,
      outFeatures: l.out,
      weight: values(rng, inFeatures * l.out, l.values, spec.paramScale),
      bias: l.bias ? values(rng, l.out, l.values, spec.paramScale) : null,
      form: l.form,
      activation: l.activation,
    };
  });
  const onnx =
    spec.writer === "exportOnnx"
      ? exportOnnx({
          mlp: {
            layers: layers.map((l, i) => ({
              inputs: l.inFeatures,
              outputs: l.outFeatures,
              weights: Float64Array.from(l.weight),
              bias: Float64Array.from(l.bias ?? new Float32Array(l.outFeatures)),
              activation: spec.layers[i].activation === "Sigmoid" ? "sigmoid" : "relu",
            })),
          },
          metadata: { corpus: name },
        })
      : buildMlpOnnx({ layers, batchDim: spec.batchDim });
  // createSettings writes the fields ezkl's compile-circuit copies; the run_args under test replace its own.
  const base = createSettings({
    graph: parseOnnxMlp({ onnx }),
    batchSize: spec.batch,
    scale: spec.inputScale,
    maxLogrows: 30,
  });
  const settings: GraphSettings = {
    ...base,
    run_args: {
      ...base.run_args,
      ...spec.flags,
      input_scale: spec.inputScale,
      param_scale: spec.paramScale,
      scale_rebase_multiplier: spec.rebaseMultiplier,
      variables: spec.variables,
      input_visibility: spec.input,
      param_visibility: spec.params,
      output_visibility: spec.output,
    },
    version: spec.version,
  };
  return { name, onnx, settings };
}

/** Weights of a kind: random in ±2, small integers, exact half steps at the param scale (rounding), zeros or ones. */
function values(
  rng: Random,
  n: number,
  kind: LayerSpec["values"],
  paramScale: number,
): Float32Array {
  return Float32Array.from({ length: n }, () => {
    if (kind === "zeros") return 0;
    if (kind === "ones") return 1;
    if (kind === "integers") return rng.int(7) - 3;
    if (kind === "halves") return (rng.int(41) - 20 + 0.5) / 2 ** paramScale;
    return (rng.float() * 4 - 2) * (rng.float() < 0.1 ? 50 : 1);
  });
}

export type GenerateCompilerCorpusParameters = { seed: number; randomCount: number };

/** The edge cases and `randomCount` seeded random cases, each with its own weight seed. */
export function generateCompilerCorpus({
  seed,
  randomCount,
}: GenerateCompilerCorpusParameters): CorpusCase[] {
  return [...EDGE_CASES, ...randomCases(seed, randomCount)].map(([name, spec], i) =>
    buildCase(name, spec, seed * 7919 + i),
  );
}
