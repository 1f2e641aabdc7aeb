import type { Scenario } from "./scenario.js";

/** One operator of an operator file in the JSON form `cli operators import` reads (src/operators). */
export type ScenarioOperatorFileEntry = {
  id: string;
  name: string;
  pool?: string;
  withdrawalAddresses: string[];
};

/**
 * The operator file (JSON form) that labels a scenario's validators the way its operators own
 * them: one withdrawal-address rule per operator. The demo and the tests import it as a user
 * would import theirs.
 */
export function scenarioOperatorFile(scenario: Scenario): {
  pools: Scenario["pools"];
  operators: ScenarioOperatorFileEntry[];
} {
  return {
    pools: scenario.pools,
    operators: scenario.operators.map((o) => ({
      id: o.id,
      name: o.name,
      pool: o.pool,
      withdrawalAddresses: o.withdrawalAddress ? [o.withdrawalAddress] : [],
    })),
  };
}
