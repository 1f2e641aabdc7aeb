import { buildModel } from "./buildModel.js";
import { CircuitTooLargeError, InvalidProvingInputError } from "./errors.js";
import type { GraphSettings, Range, RunArgs, Visibility } from "./graphCircuit.js";
import type { MlpGraph } from "../onnx/index.js";

export type CreateSettingsParameters = {
  graph: MlpGraph;
  batchSize: number;
  /** Fixed-point scale (log2) of inputs and parameters. */
  scale: number;
  /** Lookup table input range (Sigmoid inputs at `scale`); calibrate measures it. */
  lookupRange?: Range;
  /** Ceiling on logrows (default 16): the 32-bit engine runs out of memory in genPk at 17. */
  maxLogrows?: number;
  /** Force a logrows (must be at least what the circuit needs). */
  logrows?: number;
  /** ezkl's num_inner_cols: advice columns per block (each adds a lookup argument per table). */
  numInnerCols?: number;
};
export type CreateSettingsReturnType = GraphSettings;

/** Rows ezkl keeps free at the bottom of every column for blinding (with margin). */
const RESERVED_ROWS = 64;
/** Rows a table column leaves free: halo2's blinding factors (5) + ezkl's RESERVED_BLINDING_ROWS_PAD (3). */
const TABLE_RESERVED_ROWS = 8;
/** Degree of the Poseidon chip's gates (x^5 S-box under a selector): the circuit's floor. */
const POSEIDON_DEGREE = 6;
/** ezkl's MAX_NUM_LOOKUP_COLS: a table may spread over at most this many columns. */
const MAX_TABLE_COLUMNS = 12;
/** Rows halo2 leaves usable in a column: 2^k − (blinding factors + 1), blinding factors = 5 here; with margin. */
const MODULE_RESERVED_ROWS = 16;

/**
 * Exact rows ezkl v21.0.0's Poseidon module lays out for one Hashed tensor of `len` elements
 * (src/circuit/modules/poseidon.rs on halo2_gadgets' Pow5Chip, WIDTH 2, RATE 1, 8 full and 56
 * partial rounds): the message loaded two per row (⌈len/2⌉), the sponge's initial state (1), per
 * element an add-input region (3) and a permutation (1 + 4 + 28 + 4 = 37 rows), and the row that
 * ties the digest to its instance (1). ezkl's own `num_rows` rounds this up to 41·len + 2.
 */
export function poseidonRows(len: number): number {
  return len === 0 ? 0 : Math.ceil(len / 2) + 1 + 40 * len + 1;
}

/** ezkl's ModulePoseidon::num_rows, which ezkl writes into settings.module_sizes. */
function ezklPoseidonRows(len: number): number {
  return 41 * len + 2;
}

/** The only visibilities this project proves with (see docs/proving.md): never Private params. */
export const HASHED: Visibility = { kind: "Hashed", value: { hash_is_public: true, outlets: [] } };

/**
 * ezkl `gen-settings` for an MLP: Hashed parameters and inputs, public outputs, and the circuit
 * sizes the engine allocates columns from. logrows is the smallest k whose 2^k rows hold every
 * column group: the Poseidon module (exact count, `poseidonRows`), the model's cells (an upper
 * bound per gadget, see `estimateAssignments`), the instances, and the lookup / range-check
 * tables spread over at most 12 columns. In the engine `total_assignments` only decides how many
 * column blocks the model gets (one, for the shipped model), so an over-estimate costs columns
 * only when it crosses a block; rows that do not fit 2^k fail key generation.
 *
 * `maxLogrows` defaults to 16, the largest k the 4 GiB engine can key-generate for the shipped
 * model (genPk needs ≈ 4.8 × the proving key in WASM memory; at k = 17 it traps at ~3.4 GB).
 */
export function createSettings({
  graph,
  batchSize,
  scale,
  lookupRange = [0n, 0n],
  maxLogrows = 16,
  logrows,
  numInnerCols,
}: CreateSettingsParameters): CreateSettingsReturnType {
  if (typeof graph.batchDim === "number" && graph.batchDim !== batchSize) {
    throw new InvalidProvingInputError(
      `The model's batch dimension is fixed at ${graph.batchDim}, not ${batchSize}`,
    );
  }
  const runArgs: RunArgs = {
    input_scale: scale,
    param_scale: scale,
    scale_rebase_multiplier: 1,
    lookup_range: lookupRange,
    logrows: 0,
    num_inner_cols: 1,
    // ezkl binds an unnamed batch dimension through "batch_size", a named one through its own symbol.
    variables: [[typeof graph.batchDim === "string" ? graph.batchDim : "batch_size", batchSize]],
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
  const hashed = [batchSize * graph.features, paramCount];
  // All Hashed tensors share the one Poseidon chip: their regions stack in the same columns.
  const moduleRows = hashed.reduce((acc, len) => acc + poseidonRows(len), 0);
  // What ezkl would record in settings (informational: the engine sizes nothing from it).
  const moduleRowsEzkl = hashed.reduce((acc, len) => acc + ezklPoseidonRows(len), 0);
  const instances = hashed.length + batchSize * graph.outputs;
  const lookupSize = Number(lookupRange[1] - lookupRange[0]);
  const fixedNeeds = Math.max(
    log2Ceil(moduleRows + MODULE_RESERVED_ROWS),
    log2Ceil(instances + RESERVED_ROWS),
    log2Ceil(Math.ceil(runArgs.decomp_base / MAX_TABLE_COLUMNS) + RESERVED_ROWS),
    log2Ceil(Math.ceil(lookupSize / MAX_TABLE_COLUMNS) + RESERVED_ROWS),
  );
  const neededWith = (nic: number) =>
    Math.max(fixedNeeds, log2Ceil(Math.ceil(assignments / nic) + RESERVED_ROWS));
  // One inner column means one lookup argument per table instead of two and half the model's
  // advice columns: measurably faster and smaller keys, unless the model's rows then need a
  // larger k (deep MLPs); the Poseidon module usually sets k.
  const nic = numInnerCols ?? (neededWith(1) <= neededWith(2) ? 1 : 2);
  runArgs.num_inner_cols = nic;
  const modelRows = Math.ceil(assignments / nic);
  const needed = neededWith(nic);
  const tableRanges = [lookupSize, runArgs.decomp_base - 1, 2];
  const k = logrows ?? fastestLogrows(needed, maxLogrows, tableRanges);
  if (k < needed || k > maxLogrows) {
    throw new CircuitTooLargeError(
      `Circuit needs logrows ${needed}, allowed at most ${Math.min(maxLogrows, k)}`,
      {
        details: `batch ${batchSize} × ${graph.features} features: ~${modelRows} model rows, ${moduleRows} Poseidon rows (2^${needed - 1} = ${2 ** (needed - 1)}); use a smaller batch`,
        meta: { needed, maxLogrows, batchSize },
      },
    );
  }
  runArgs.logrows = k;

  return {
    run_args: runArgs,
    num_rows: Math.max(modelRows, moduleRowsEzkl),
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
    module_sizes: { polycommit: [], poseidon: [moduleRowsEzkl, [hashed.length]] },
    required_lookups: [...new Set(sigmoidScales)].map((s) => ({
      kind: "Sigmoid",
      value: { scale: 2 ** s },
    })),
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

/**
 * ezkl spreads a lookup or range-check table over ⌊range / (2^k − 8)⌋ + 1 columns and selects the
 * column with a polynomial in a synthetic index: a table of n > 1 columns makes its lookup
 * argument degree n + 4 (5 for one column). With Poseidon's degree-6 gates the quotient is
 * evaluated on an extended domain of 2^(k + ⌈log2(degree − 1)⌉) points: 8× for tables of up to 5
 * columns, 16× beyond (measured in the proving keys).
 */
export function extendedDomainBits(k: number, tableRanges: readonly number[]): number {
  const columns = Math.max(
    ...tableRanges.map((range) => Math.floor(Math.abs(range) / (2 ** k - TABLE_RESERVED_ROWS)) + 1),
  );
  const degree = Math.max(POSEIDON_DEGREE, columns > 1 ? columns + 4 : 5);
  return Math.ceil(Math.log2(degree - 1));
}

/**
 * The logrows to prove at: the smallest that holds the circuit, or one more when that halves the
 * extended domain factor (tables squeezed into > 5 columns), which leaves the quotient's domain
 * size unchanged with fewer, lower-degree lookup arguments. Measured for the shipped model, B=1
 * with its production lookup range (59k entries): k=13 (8 table columns, 16×) 47 s, k=14 (4
 * columns, 8×) 37 s, k=15 59 s.
 */
function fastestLogrows(
  needed: number,
  maxLogrows: number,
  tableRanges: readonly number[],
): number {
  let best = needed;
  for (let k = needed + 1; k <= Math.min(maxLogrows, needed + 2); k++) {
    if (k + extendedDomainBits(k, tableRanges) <= best + extendedDomainBits(best, tableRanges))
      best = k;
  }
  return best;
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
