import type { Logger } from "../common/logger.js";
import type { Shutdown } from "../common/shutdown.js";
import type { Metrics } from "../metrics/index.js";
import type { Config } from "./loadConfig.js";

/** What every factory gets: built once in src/bin and passed down, never imported globally. */
export type Common = {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  shutdown: Shutdown;
};
