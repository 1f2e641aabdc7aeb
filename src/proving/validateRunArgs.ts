import { InvalidProvingInputError } from "./errors.js";
import type { RunArgs } from "./graphCircuit.js";

/** ezkl's IntegerRep is i128: decomp_base^decomp_legs must stay below 2^127. */
const I128_MAX = (1n << 127n) - 1n;

/**
 * Refuses the run arguments ezkl v21.0.0's compile-circuit refuses before it reads the model,
 * with the same reasons (`RunArgs::validate`; every problem listed, as ezkl joins them).
 */
export function validateRunArgs(runArgs: RunArgs): void {
  const problems: string[] = [];
  if (BigInt(runArgs.decomp_base) ** BigInt(runArgs.decomp_legs) > I128_MAX)
    problems.push(
      `decomp_base^decomp_legs overflows IntegerRep: ${runArgs.decomp_base}^${runArgs.decomp_legs}`,
    );
  if (runArgs.param_visibility.kind === "Public")
    problems.push("Parameters cannot be public instances. Use 'fixed' or 'kzgcommit' instead");
  if (runArgs.scale_rebase_multiplier < 1) problems.push("scale_rebase_multiplier must be >= 1");
  if (runArgs.lookup_range[0] > runArgs.lookup_range[1])
    problems.push(
      `Invalid lookup range: min (${runArgs.lookup_range[0]}) is greater than max (${runArgs.lookup_range[1]})`,
    );
  if (runArgs.logrows < 1) problems.push("logrows must be >= 1");
  if (runArgs.num_inner_cols < 1) problems.push("num_inner_cols must be >= 1");
  if (runArgs.variables.find(([name]) => name === "batch_size")?.[1] === 0)
    problems.push("'batch_size' cannot be 0");
  if (runArgs.decomp_base === 0) problems.push("decomp_base cannot be 0");
  if (runArgs.decomp_legs === 0) problems.push("decomp_legs cannot be 0");
  if (problems.length > 0)
    throw new InvalidProvingInputError("Invalid run_args in settings", {
      details: problems.join("; "),
    });
}
