import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** A scenario file that cannot describe a chain: wrong types, overlapping shares, unknown pools. */
export class ScenarioInvalidError extends BaseError {
  override name = "ScenarioInvalidError";
  constructor(problems: string[], params: BaseErrorParameters = {}) {
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
export class PresetMismatchError extends BaseError {
  override name = "PresetMismatchError";
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
export class FaultRuleInvalidError extends BaseError {
  override name = "FaultRuleInvalidError";
  constructor(details: string) {
    super("SIMULATOR_FAULT_RULE_INVALID", "Invalid fault rule", { details });
  }
}
