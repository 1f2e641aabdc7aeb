/**
 * ezkl v21.0.0's `GraphCircuit` as TypeScript types and one bincode schema. Field order and
 * enum variant order follow the Rust definitions (src/graph/{mod,model,node,vars}.rs, src/lib.rs,
 * src/circuit/ops/{mod,poly,lookup,hybrid,chip}.rs at tag v21.0.0): bincode has no field names,
 * so order is the format. Variants this project never emits are listed by name only, so a
 * decoder error can still say which variant a foreign file used.
 */
import {
  bool,
  type ByteSpan,
  type Codec,
  decode,
  decodeSpans,
  encode,
  enumeration,
  type EnumValue,
  f32,
  f64,
  fixedBytes,
  i128,
  i32,
  lazy,
  option,
  string,
  struct,
  tuple,
  u128,
  u32,
  usize,
  vec,
} from "./bincode.js";
import { BincodeError } from "./errors.js";

/** A BN254 scalar-field element: 32 bytes, canonical little-endian. */
export type Fp = Uint8Array;
const fp = fixedBytes(32);

const unit = null;
const unsupported = undefined;

export type Visibility = EnumValue<{
  Private: null;
  Public: null;
  Hashed: { hash_is_public: boolean; outlets: number[] };
  KZGCommit: null;
  Fixed: null;
}>;
export const visibilityCodec: Codec<Visibility> = enumeration("Visibility", [
  ["Private", unit],
  ["Public", unit],
  ["Hashed", struct({ hash_is_public: bool, outlets: vec(usize) })],
  ["KZGCommit", unit],
  ["Fixed", unit],
]);

export type InputType = "Bool" | "F16" | "F32" | "F64" | "Int" | "TDim" | "Unknown";
const inputTypes: readonly InputType[] = ["Bool", "F16", "F32", "F64", "Int", "TDim", "Unknown"];
const inputTypeCodec = unitEnum("InputType", inputTypes);

export type CheckMode = "SAFE" | "UNSAFE";
const checkModeCodec = unitEnum<CheckMode>("CheckMode", ["SAFE", "UNSAFE"]);

export type Commitments = "KZG" | "IPA";
const commitmentsCodec = unitEnum<Commitments>("Commitments", ["KZG", "IPA"]);

/** A C-like enum as its variant name (serde writes these as plain strings in JSON too). */
function unitEnum<T extends string>(name: string, names: readonly T[]): Codec<T> {
  return {
    encode: (w, v) => {
      const i = names.indexOf(v);
      if (i < 0) throw new BincodeError(`Unknown ${name} ${v}`);
      w.u32(i);
    },
    decode: (r) => {
      const i = r.u32();
      const v = names[i];
      if (v === undefined)
        throw new BincodeError(`Unknown ${name} tag ${i}`, {
          details: `at offset ${r.offset - 4}`,
        });
      return v;
    },
  };
}

export type Range = [bigint, bigint];
const range = tuple<[bigint, bigint]>(i128, i128);

export type RunArgs = {
  input_scale: number;
  param_scale: number;
  scale_rebase_multiplier: number;
  lookup_range: Range;
  logrows: number;
  num_inner_cols: number;
  variables: [string, number][];
  input_visibility: Visibility;
  output_visibility: Visibility;
  param_visibility: Visibility;
  rebase_frac_zero_constants: boolean;
  check_mode: CheckMode;
  commitment: Commitments | null;
  decomp_base: number;
  decomp_legs: number;
  bounded_log_lookup: boolean;
  ignore_range_check_inputs_outputs: boolean;
};
const runArgsCodec = struct<RunArgs>({
  input_scale: i32,
  param_scale: i32,
  scale_rebase_multiplier: u32,
  lookup_range: range,
  logrows: u32,
  num_inner_cols: usize,
  variables: vec(tuple<[string, number]>(string, usize)),
  input_visibility: visibilityCodec,
  output_visibility: visibilityCodec,
  param_visibility: visibilityCodec,
  rebase_frac_zero_constants: bool,
  check_mode: checkModeCodec,
  commitment: option(commitmentsCodec),
  decomp_base: usize,
  decomp_legs: usize,
  bounded_log_lookup: bool,
  ignore_range_check_inputs_outputs: bool,
});

/** Only the lookup ops an MLP needs are representable; the rest decode to an error by name. */
export type LookupOp = EnumValue<{ Div: { denom: number }; Sigmoid: { scale: number } }>;
export const lookupOpCodec: Codec<LookupOp> = enumeration("LookupOp", [
  ["Div", struct({ denom: f32 })],
  ["IsOdd", unsupported],
  ["PowersOfTwo", unsupported],
  ["Ln", unsupported],
  ["Sigmoid", struct({ scale: f32 })],
]);

export type PolyOp = EnumValue<{
  LeakyReLU: { slope: number; scale: number };
  Einsum: { equation: string };
  Add: null;
  Identity: { out_scale: number | null };
}>;
const polyOpCodec: Codec<PolyOp> = enumeration("PolyOp", [
  ["Abs", unsupported],
  ["Sign", unsupported],
  ["LeakyReLU", struct({ slope: f32, scale: i32 })],
  ["GatherElements", unsupported],
  ["GatherND", unsupported],
  ["ScatterElements", unsupported],
  ["ScatterND", unsupported],
  ["MultiBroadcastTo", unsupported],
  ["Einsum", struct({ equation: string })],
  ["Conv", unsupported],
  ["Downsample", unsupported],
  ["DeConv", unsupported],
  ["Add", unit],
  ["Sub", unsupported],
  ["Neg", unsupported],
  ["Mult", unsupported],
  ["Identity", struct({ out_scale: option(i32) })],
]);

export type HybridOp = EnumValue<{ Div: { denom: number } }>;
const hybridOpCodec: Codec<HybridOp> = enumeration("HybridOp", [
  ["Ln", unsupported],
  ["Rsqrt", unsupported],
  ["Sqrt", unsupported],
  ["RoundHalfToEven", unsupported],
  ["Ceil", unsupported],
  ["Floor", unsupported],
  ["Round", unsupported],
  ["Recip", unsupported],
  ["Div", struct({ denom: f32 })],
]);

export type Tensor<T> = {
  inner: T[];
  dims: number[];
  scale: number | null;
  visibility: Visibility | null;
};
function tensor<T>(item: Codec<T>): Codec<Tensor<T>> {
  return struct<Tensor<T>>({
    inner: vec(item),
    dims: vec(usize),
    scale: option(i32),
    visibility: option(visibilityCodec),
  });
}

export type Input = { scale: number; datum_type: InputType; decomp: boolean };
export type Constant = {
  quantized_values: Tensor<Fp>;
  raw_values: Tensor<number>;
  decomp: boolean;
};
export type RebaseScale = {
  inner: SupportedOp;
  rebase_op: HybridOp;
  target_scale: number;
  original_scale: number;
  multiplier: number;
};
/** An op whose inputs are first multiplied up to a common scale: (input index, multiplier 2^Δ). */
export type Rescaled = { inner: SupportedOp; scale: [number, bigint][] };

export type SupportedOp = EnumValue<{
  Linear: PolyOp;
  Nonlinear: LookupOp;
  Hybrid: HybridOp;
  Input: Input;
  Constant: Constant;
  Rescaled: Rescaled;
  RebaseScale: RebaseScale;
}>;
const supportedOpCodec: Codec<SupportedOp> = enumeration("SupportedOp", [
  ["Linear", polyOpCodec],
  ["Nonlinear", lookupOpCodec],
  ["Hybrid", hybridOpCodec],
  ["Input", struct<Input>({ scale: i32, datum_type: inputTypeCodec, decomp: bool })],
  [
    "Constant",
    struct<Constant>({ quantized_values: tensor(fp), raw_values: tensor(f32), decomp: bool }),
  ],
  ["Unknown", unsupported],
  [
    "Rescaled",
    struct<Rescaled>({
      inner: lazy(() => supportedOpCodec),
      scale: vec(tuple<[number, bigint]>(usize, u128)),
    }),
  ],
  [
    "RebaseScale",
    struct<RebaseScale>({
      inner: lazy(() => supportedOpCodec),
      rebase_op: hybridOpCodec,
      target_scale: i32,
      original_scale: i32,
      multiplier: f64,
    }),
  ],
]);

export type Outlet = [number, number];
const outlet = tuple<[number, number]>(usize, usize);

export type Node = {
  opkind: SupportedOp;
  out_scale: number;
  inputs: Outlet[];
  out_dims: number[];
  idx: number;
  num_uses: number;
};
const nodeCodec = struct<Node>({
  opkind: supportedOpCodec,
  out_scale: i32,
  inputs: vec(outlet),
  out_dims: vec(usize),
  idx: usize,
  num_uses: usize,
});

export type NodeType = EnumValue<{ Node: Node }>;
const nodeTypeCodec: Codec<NodeType> = enumeration("NodeType", [
  ["Node", nodeCodec],
  ["SubGraph", unsupported],
]);

export type ParsedNodes = {
  nodes: [number, NodeType][];
  inputs: number[];
  outputs: Outlet[];
  output_types: InputType[];
};
export type VarVisibility = { input: Visibility; params: Visibility; output: Visibility };
export type Model = { graph: ParsedNodes; visibility: VarVisibility };
const modelCodec = struct<Model>({
  graph: struct<ParsedNodes>({
    nodes: vec(tuple<[number, NodeType]>(usize, nodeTypeCodec)),
    inputs: vec(usize),
    outputs: vec(outlet),
    output_types: vec(inputTypeCodec),
  }),
  visibility: struct<VarVisibility>({
    input: visibilityCodec,
    params: visibilityCodec,
    output: visibilityCodec,
  }),
});

export type ModuleSizes = { polycommit: number[]; poseidon: [number, number[]] };

export type GraphSettings = {
  run_args: RunArgs;
  num_rows: number;
  total_assignments: number;
  total_const_size: number;
  total_dynamic_col_size: number;
  max_dynamic_input_len: number;
  num_dynamic_lookups: number;
  num_shuffles: number;
  total_shuffle_col_size: number;
  model_instance_shapes: number[][];
  model_output_scales: number[];
  model_input_scales: number[];
  module_sizes: ModuleSizes;
  required_lookups: LookupOp[];
  required_range_checks: Range[];
  check_mode: CheckMode;
  version: string;
  num_blinding_factors: number | null;
  timestamp: bigint | null;
  input_types: InputType[] | null;
  output_types: InputType[] | null;
};
export const graphSettingsCodec = struct<GraphSettings>({
  run_args: runArgsCodec,
  num_rows: usize,
  total_assignments: usize,
  total_const_size: usize,
  total_dynamic_col_size: usize,
  max_dynamic_input_len: usize,
  num_dynamic_lookups: usize,
  num_shuffles: usize,
  total_shuffle_col_size: usize,
  model_instance_shapes: vec(vec(usize)),
  model_output_scales: vec(i32),
  model_input_scales: vec(i32),
  module_sizes: struct<ModuleSizes>({
    polycommit: vec(usize),
    poseidon: tuple<[number, number[]]>(usize, vec(usize)),
  }),
  required_lookups: vec(lookupOpCodec),
  required_range_checks: vec(range),
  check_mode: checkModeCodec,
  version: string,
  num_blinding_factors: option(usize),
  timestamp: option(u128),
  input_types: option(vec(inputTypeCodec)),
  output_types: option(vec(inputTypeCodec)),
});

/** Module results the engine fills in; a compiled circuit carries them empty. */
export type ModuleForwardResult = { poseidon_hash: Fp[] | null; polycommit: null };
const moduleForwardResultCodec = struct<ModuleForwardResult>({
  poseidon_hash: option(vec(fp)),
  polycommit: option(
    enumeration<{ kind: "never" }>("Polycommit", [["never", unsupported]]),
  ) as unknown as Codec<null>,
});

export type GraphWitness = {
  inputs: Fp[][];
  pretty_elements: null;
  outputs: Fp[][];
  processed_inputs: ModuleForwardResult | null;
  processed_params: ModuleForwardResult | null;
  processed_outputs: ModuleForwardResult | null;
  max_lookup_inputs: bigint;
  min_lookup_inputs: bigint;
  max_range_size: bigint;
  version: string | null;
};
const graphWitnessCodec = struct<GraphWitness>({
  inputs: vec(vec(fp)),
  // A compiled circuit never carries pretty elements; decoding one is reported, not guessed.
  pretty_elements: option(
    enumeration<{ kind: "never" }>("PrettyElements", [["never", unsupported]]),
  ) as unknown as Codec<null>,
  outputs: vec(vec(fp)),
  processed_inputs: option(moduleForwardResultCodec),
  processed_params: option(moduleForwardResultCodec),
  processed_outputs: option(moduleForwardResultCodec),
  max_lookup_inputs: i128,
  min_lookup_inputs: i128,
  max_range_size: i128,
  version: option(string),
});

export type GraphCircuit = {
  core: { model: Model; settings: GraphSettings };
  graph_witness: GraphWitness;
};
const graphCircuitCodec = struct<GraphCircuit>({
  core: struct<GraphCircuit["core"]>({ model: modelCodec, settings: graphSettingsCodec }),
  graph_witness: graphWitnessCodec,
});

/** Serializes a circuit exactly as ezkl's `GraphCircuit::save` does (bincode, default options). */
export function encodeGraphCircuit(circuit: GraphCircuit): Uint8Array {
  return encode(graphCircuitCodec, circuit);
}

/** Parses an ezkl v21.0.0 compiled circuit; throws BincodeError on anything else. */
export function decodeGraphCircuit(bytes: Uint8Array): GraphCircuit {
  return decode(graphCircuitCodec, bytes, "GraphCircuit");
}

/** Where each primitive of a compiled circuit lies, with its struct path (see diffCompiledCircuits). */
export function graphCircuitSpans(bytes: Uint8Array): {
  spans: ByteSpan[];
  stoppedAt?: { offset: number; path: string; error: string };
} {
  return decodeSpans(graphCircuitCodec, bytes);
}

/** An empty witness, as ezkl stores in a freshly compiled circuit. */
export function emptyGraphWitness(): GraphWitness {
  return {
    inputs: [],
    pretty_elements: null,
    outputs: [],
    processed_inputs: null,
    processed_params: null,
    processed_outputs: null,
    max_lookup_inputs: 0n,
    min_lookup_inputs: 0n,
    max_range_size: 0n,
    version: null,
  };
}
