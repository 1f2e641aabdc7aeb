import { buildModel } from "./buildModel.js";
import { CircuitTooLargeError } from "./errors.js";
import type { GraphSettings, Range, RunArgs, Visibility } from "./graphCircuit.js";
import type { MlpGraph } from "./parseOnnxMlp.js";

export type CreateSettingsParameters = {
  graph: MlpGraph;
  batchSize: number;
  /** Fixed-point scale (log2) of inputs and parameters. */
  scale: number;
  /** Lookup table input range (Sigmoid inputs at `scale`); calibrate measures it. */
  lookupRange?: Range;
  /** Ceiling on logrows: the 32-bit engine runs out of memory above ~17. */
  maxLogrows?: number;
  /** Force a logrows (must be at least what the circuit needs). */
  logrows?: number;
};
export type CreateSettingsReturnType = GraphSettings;

/** Rows ezkl keeps free at the bottom of every column for blinding (with margin). */
const RESERVED_ROWS = 64;
/** ezkl's MAX_NUM_LOOKUP_COLS: a table may spread over at most this many columns. */
const MAX_TABLE_COLUMNS = 12;
/** Poseidon chip rows per hashed element, plus 2 (ezkl's ModulePoseidon::num_rows). */
const POSEIDON_ROWS_PER_ELEMENT = 41;

/** The only visibilities this project proves with (see docs/proving.md): never Private params. */
export const HASHED: Visibility = { kind: "Hashed", value: { hash_is_public: true, outlets: [] } };

/**
 * ezkl `gen-settings` for an MLP: Hashed parameters and inputs, public outputs, and the circuit
 * sizes the engine allocates columns from. ezkl counts cells with a dry-run layout; we use an
 * upper bound per operation instead (cells per element of each gadget, read from ezkl's
 * layouts, times a margin). An over-estimate only ever adds columns within one block, an
 * under-estimate would fail key generation, so the bound errs high; the tests prove real
 * circuits with it.
 */
export function createSettings({ graph, batchSize, scale, lookupRange = [0n, 0n], maxLogrows = 17, logrows }: CreateSettingsParameters): CreateSettingsReturnType {
  const runArgs: RunArgs = {
    input_scale: scale,
    param_scale: scale,
    scale_rebase_multiplier: 1,
    lookup_range: lookupRange,
    logrows: 0,
    num_inner_cols: 2,
    variables: [["batch_size", batchSize]],
    input_visibility: HASHED,
    output_visibility: { kind: "Public" },
    param_visibility: HASHED,
    rebase_frac_zero_constants: false,
    check_mode: "UNSAFE",
    commitment: "KZG",
    decomp_base: 16384,
    decomp_legs: 2,
    bounded_log_lookup: false,
    ignore_range_check_inputs_outputs: false,
  };
  const { outputScale, paramCount, sigmoidScales } = buildModel({ graph, runArgs });
  const assignments = estimateAssignments(graph, batchSize);
  const modelRows = Math.ceil(assignments / runArgs.num_inner_cols);
  const hashed = [batchSize * graph.features, paramCount];
  const poseidonRows = hashed.reduce((acc, len) => acc + POSEIDON_ROWS_PER_ELEMENT * len + 2, 0);
  const instances = hashed.length + batchSize * graph.outputs;
  const lookupSize = Number(lookupRange[1] - lookupRange[0]);

  const needed = Math.max(
    log2Ceil(modelRows + RESERVED_ROWS),
    log2Ceil(poseidonRows + RESERVED_ROWS),
    log2Ceil(instances + RESERVED_ROWS),
    log2Ceil(Math.ceil(runArgs.decomp_base / MAX_TABLE_COLUMNS) + RESERVED_ROWS),
    log2Ceil(Math.ceil(lookupSize / MAX_TABLE_COLUMNS) + RESERVED_ROWS),
  );
  const k = logrows ?? needed;
  if (k < needed || k > maxLogrows) {
    throw new CircuitTooLargeError(`Circuit needs logrows ${needed}, allowed at most ${Math.min(maxLogrows, k)}`, {
      details: `batch ${batchSize} × ${graph.features} features: ~${modelRows} model rows, ${poseidonRows} Poseidon rows; use a smaller batch`,
      meta: { needed, maxLogrows, batchSize },
    });
  }
  runArgs.logrows = k;

  return {
    run_args: runArgs,
    num_rows: Math.max(modelRows, poseidonRows),
    total_assignments: assignments,
    // Distinct constants (0, 1, bases, divisors) are deduplicated by ezkl; a few hundred always fit one fixed column.
    total_const_size: 256,
    total_dynamic_col_size: 0,
    max_dynamic_input_len: 0,
    num_dynamic_lookups: 0,
    num_shuffles: 0,
    total_shuffle_col_size: 0,
    model_instance_shapes: [[batchSize, graph.outputs]],
    model_output_scales: [outputScale],
    model_input_scales: [scale],
    module_sizes: { polycommit: [], poseidon: [poseidonRows, [hashed.length]] },
    required_lookups: [...new Set(sigmoidScales)].map((s) => ({ kind: "Sigmoid", value: { scale: 2 ** s } })),
    required_range_checks: [
      [-1n, 1n],
      [0n, BigInt(runArgs.decomp_base - 1)],
    ],
    check_mode: "UNSAFE",
    version: "0.0.0",
    num_blinding_factors: null,
    timestamp: null,
    input_types: ["F32"],
    output_types: ["F32"],
  };
}

function log2Ceil(x: number): number {
  return Math.max(6, Math.ceil(Math.log2(Math.max(1, x))));
}

/**
 * Upper bound on ezkl's linear assignment count. Per element: a sign decomposition with 2 legs
 * takes ~17 cells (digits, range checks, is-zero test, recomposition); a rebase division ~59
 * (checked quotient, |x − q·d| < d via two more decompositions); ReLU ~23; a lookup 2; an output
 * check ~20. A dot product of length k takes k rounded up to the block width, plus one.
 */
function estimateAssignments(graph: MlpGraph, batch: number): number {
  const DECOMP = 17;
  const DIV = 59;
  const RELU = 23;
  const LOOKUP = 2;
  const OUTPUT = 20;
  let cells = DECOMP * batch * graph.features;
  let width = graph.features;
  for (const layer of graph.layers) {
    if (layer.kind === "linear") {
      const n = batch * layer.outFeatures;
      cells += n * (2 * Math.ceil(layer.inFeatures / 2) + 1) + DIV * n + (layer.bias ? n : 0);
      width = layer.outFeatures;
    } else cells += (layer.kind === "relu" ? RELU : LOOKUP) * batch * width;
  }
  cells += OUTPUT * batch * graph.outputs;
  return Math.ceil(cells * 1.5) + 128;
}
