/**
 * ezkl's settings.json (serde_json of GraphSettings) ↔ the typed GraphSettings. Enums follow
 * serde's external tagging: unit variants are strings, struct variants `{ "Name": { … } }`.
 * The engine's `verify` reads this JSON, so the writer must produce exactly serde's shape.
 */
import { InvalidProvingInputError } from "./errors.js";
import type { GraphSettings, LookupOp, Range, RunArgs, Visibility } from "./graphCircuit.js";

type Json = unknown;

export function parseSettingsJson(text: string | Uint8Array): GraphSettings {
  let j: Record<string, Json>;
  try {
    j = JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text)) as Record<
      string,
      Json
    >;
  } catch (cause) {
    throw new InvalidProvingInputError("settings.json is not valid JSON", { cause });
  }
  try {
    const ra = j.run_args as Record<string, Json>;
    const run_args: RunArgs = {
      input_scale: num(ra.input_scale),
      param_scale: num(ra.param_scale),
      scale_rebase_multiplier: num(ra.scale_rebase_multiplier),
      lookup_range: range(ra.lookup_range),
      logrows: num(ra.logrows),
      num_inner_cols: num(ra.num_inner_cols),
      variables: (ra.variables as [string, number][]).map(([k, v]) => [String(k), num(v)]),
      input_visibility: visibility(ra.input_visibility),
      output_visibility: visibility(ra.output_visibility),
      param_visibility: visibility(ra.param_visibility),
      rebase_frac_zero_constants: Boolean(ra.rebase_frac_zero_constants),
      check_mode: ra.check_mode as RunArgs["check_mode"],
      commitment: (ra.commitment ?? null) as RunArgs["commitment"],
      decomp_base: num(ra.decomp_base),
      decomp_legs: num(ra.decomp_legs),
      bounded_log_lookup: Boolean(ra.bounded_log_lookup),
      ignore_range_check_inputs_outputs: Boolean(ra.ignore_range_check_inputs_outputs),
    };
    const ms = j.module_sizes as { polycommit: number[]; poseidon: [number, number[]] };
    return {
      run_args,
      num_rows: num(j.num_rows),
      total_assignments: num(j.total_assignments),
      total_const_size: num(j.total_const_size),
      total_dynamic_col_size: num(j.total_dynamic_col_size),
      max_dynamic_input_len: num(j.max_dynamic_input_len),
      num_dynamic_lookups: num(j.num_dynamic_lookups),
      num_shuffles: num(j.num_shuffles),
      total_shuffle_col_size: num(j.total_shuffle_col_size),
      model_instance_shapes: (j.model_instance_shapes as number[][]).map((s) => s.map(num)),
      model_output_scales: (j.model_output_scales as number[]).map(num),
      model_input_scales: (j.model_input_scales as number[]).map(num),
      module_sizes: {
        polycommit: ms.polycommit.map(num),
        poseidon: [num(ms.poseidon[0]), ms.poseidon[1].map(num)],
      },
      required_lookups: (j.required_lookups as Json[]).map(lookupOp),
      required_range_checks: (j.required_range_checks as Json[]).map(range),
      check_mode: j.check_mode as GraphSettings["check_mode"],
      version: String(j.version),
      num_blinding_factors:
        j.num_blinding_factors === null || j.num_blinding_factors === undefined
          ? null
          : num(j.num_blinding_factors),
      timestamp:
        j.timestamp === null || j.timestamp === undefined ? null : BigInt(num(j.timestamp)),
      input_types: (j.input_types ?? null) as GraphSettings["input_types"],
      output_types: (j.output_types ?? null) as GraphSettings["output_types"],
    };
  } catch (cause) {
    if (cause instanceof InvalidProvingInputError) throw cause;
    throw new InvalidProvingInputError(
      "settings.json does not have ezkl v21 GraphSettings fields",
      { cause },
    );
  }
}

export function settingsToJson(s: GraphSettings): string {
  const r = s.run_args;
  const out = {
    run_args: {
      input_scale: r.input_scale,
      param_scale: r.param_scale,
      scale_rebase_multiplier: r.scale_rebase_multiplier,
      lookup_range: r.lookup_range.map(Number),
      logrows: r.logrows,
      num_inner_cols: r.num_inner_cols,
      variables: r.variables,
      input_visibility: visibilityJson(r.input_visibility),
      output_visibility: visibilityJson(r.output_visibility),
      param_visibility: visibilityJson(r.param_visibility),
      rebase_frac_zero_constants: r.rebase_frac_zero_constants,
      check_mode: r.check_mode,
      commitment: r.commitment,
      decomp_base: r.decomp_base,
      decomp_legs: r.decomp_legs,
      bounded_log_lookup: r.bounded_log_lookup,
      ignore_range_check_inputs_outputs: r.ignore_range_check_inputs_outputs,
    },
    num_rows: s.num_rows,
    total_assignments: s.total_assignments,
    total_const_size: s.total_const_size,
    total_dynamic_col_size: s.total_dynamic_col_size,
    max_dynamic_input_len: s.max_dynamic_input_len,
    num_dynamic_lookups: s.num_dynamic_lookups,
    num_shuffles: s.num_shuffles,
    total_shuffle_col_size: s.total_shuffle_col_size,
    model_instance_shapes: s.model_instance_shapes,
    model_output_scales: s.model_output_scales,
    model_input_scales: s.model_input_scales,
    module_sizes: s.module_sizes,
    required_lookups: s.required_lookups.map((op) => ({ [op.kind]: op.value })),
    required_range_checks: s.required_range_checks.map((x) => x.map(Number)),
    check_mode: s.check_mode,
    version: s.version,
    num_blinding_factors: s.num_blinding_factors,
    timestamp: s.timestamp === null ? null : Number(s.timestamp),
    input_types: s.input_types,
    output_types: s.output_types,
  };
  return JSON.stringify(out);
}

function num(v: Json): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new TypeError(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

function range(v: Json): Range {
  const [a, b] = v as [number, number];
  return [BigInt(num(a)), BigInt(num(b))];
}

function visibility(v: Json): Visibility {
  if (v === "Private" || v === "Public" || v === "KZGCommit" || v === "Fixed") return { kind: v };
  // ezkl's CLI writes the lowercase Display form in some places; accept it on input.
  if (v === "private") return { kind: "Private" };
  if (v === "public") return { kind: "Public" };
  if (v === "fixed") return { kind: "Fixed" };
  const h = (v as { Hashed?: { hash_is_public: boolean; outlets: number[] } }).Hashed;
  if (h)
    return {
      kind: "Hashed",
      value: { hash_is_public: Boolean(h.hash_is_public), outlets: h.outlets.map(num) },
    };
  throw new TypeError(`unknown visibility ${JSON.stringify(v)}`);
}

function visibilityJson(v: Visibility): Json {
  return v.kind === "Hashed" ? { Hashed: v.value } : v.kind;
}

function lookupOp(v: Json): LookupOp {
  const o = v as Record<string, Record<string, number>>;
  if (o.Sigmoid) return { kind: "Sigmoid", value: { scale: num(o.Sigmoid.scale) } };
  if (o.Div) return { kind: "Div", value: { denom: num(o.Div.denom) } };
  throw new TypeError(`unsupported lookup ${JSON.stringify(v)}`);
}
