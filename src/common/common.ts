import type { Config } from "../config/index.js";
import type { Metrics } from "../metrics/index.js";
import type { Logger } from "./logger.js";
import type { Shutdown } from "./shutdown.js";

/** What every factory gets: built once in src/bin and passed down, never imported globally. */
export type Common = {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  shutdown: Shutdown;
};
