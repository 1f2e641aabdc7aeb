import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ScenarioInvalidError } from "./errors.js";
import { parseScenario, type Scenario } from "./scenario.js";

/**
 * Reads a scenario file: a path, or the name of a bundled one ("demo", "test", "mainnet-1m")
 * from src/simulator/scenarios.
 */
export function loadScenario(pathOrName: string): Scenario {
  const path = /^[a-z0-9-]+$/.test(pathOrName)
    ? fileURLToPath(new URL(`./scenarios/${pathOrName}.json`, import.meta.url))
    : pathOrName;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ScenarioInvalidError([`cannot read ${pathOrName}: ${(error as Error).message}`], {
      cause: error,
    });
  }
  return parseScenario(json);
}
