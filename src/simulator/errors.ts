import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`. */
export type SimulatorErrorMeta = {
  /** Every problem found in the scenario, also joined in `details`. */
  SIMULATOR_SCENARIO_INVALID: { problems: string[] };
  SIMULATOR_PRESET_MISMATCH: { scenarioPreset: string; activePreset: string };
  /** What is wrong with the rule is in `details`. */
  SIMULATOR_FAULT_RULE_INVALID: Record<string, never>;
};

export type SimulatorErrorCode = keyof SimulatorErrorMeta;

/** A scenario file that cannot describe a chain: wrong types, overlapping shares, unknown pools. */
export class ScenarioInvalidError extends BaseError<
  SimulatorErrorMeta["SIMULATOR_SCENARIO_INVALID"]
> {
  override name = "ScenarioInvalidError";
  declare readonly code: "SIMULATOR_SCENARIO_INVALID";
  constructor(
    problems: string[],
    params: Omit<
      BaseErrorParameters<SimulatorErrorMeta["SIMULATOR_SCENARIO_INVALID"]>,
      "details" | "meta"
    > = {},
  ) {
    super("SIMULATOR_SCENARIO_INVALID", "Invalid simulator scenario", {
      ...params,
      details: problems.join("; "),
      meta: { problems },
    });
  }
}

/**
 * Blocks are hashed and serialized with @lodestar/types, whose SSZ limits follow the preset
 * chosen when @lodestar/params is first imported; a chain of another preset would produce
 * wrong roots, so it is refused instead.
 */
export class PresetMismatchError extends BaseError<
  SimulatorErrorMeta["SIMULATOR_PRESET_MISMATCH"]
> {
  override name = "PresetMismatchError";
  declare readonly code: "SIMULATOR_PRESET_MISMATCH";
  constructor(scenarioPreset: string, activePreset: string) {
    super(
      "SIMULATOR_PRESET_MISMATCH",
      `Scenario preset "${scenarioPreset}" differs from the process preset "${activePreset}"`,
      {
        details: `set LODESTAR_PRESET=${scenarioPreset} (or setActivePreset from @lodestar/params/setPreset) before importing @lodestar packages`,
        meta: { scenarioPreset, activePreset },
      },
    );
  }
}

/** A fault rule sent to `faults.inject` or `/_sim/faults` that cannot be applied. */
export class FaultRuleInvalidError extends BaseError<
  SimulatorErrorMeta["SIMULATOR_FAULT_RULE_INVALID"]
> {
  override name = "FaultRuleInvalidError";
  declare readonly code: "SIMULATOR_FAULT_RULE_INVALID";
  constructor(details: string) {
    super("SIMULATOR_FAULT_RULE_INVALID", "Invalid fault rule", { details });
  }
}
