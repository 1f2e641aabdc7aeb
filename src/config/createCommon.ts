import { createLogger } from "../common/logger.js";
import { createShutdown } from "../common/shutdown.js";
import { createMetrics } from "../metrics/index.js";
import type { Common } from "./common.js";
import type { Config } from "./loadConfig.js";
import { redactConfig } from "./loadConfig.js";
import { secretValues } from "./secretValues.js";

export type CreateCommonParameters = {
  /** The logger's `name`: which process wrote a line. */
  processName: string;
  /** A validated configuration (loadConfig); how a bad one is reported is the entry point's choice. */
  config: Config;
};

/** Builds the one `common` object of a process: logger (censoring the secrets), metrics, shutdown. */
export function createCommon({ processName, config }: CreateCommonParameters): Common {
  const logger = createLogger({
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY === "auto" ? undefined : config.LOG_PRETTY === "true",
    name: processName,
    secrets: secretValues(config),
  });
  logger.debug({ config: redactConfig(config) }, "configuration");
  const metrics = createMetrics({ defaultMetrics: true });
  const shutdown = createShutdown(logger);
  return { config, logger, metrics, shutdown };
}
