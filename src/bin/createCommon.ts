import type { Common, Config } from "../config/index.js";
import { createCommon as buildCommon, loadConfig } from "../config/index.js";

/** The `common` object of an entry point: a configuration that does not load ends the process (exit 2). */
export function createCommon(processName: string): Common {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // Config errors go to stderr plainly: the logger's own settings may be what is wrong.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  return buildCommon({ processName, config });
}
