import { createLogger, createShutdown } from "../common/index.js";
import type { Common, Config } from "../config/index.js";
import { loadConfig, redactConfig, secretValues } from "../config/index.js";
import { createMetrics } from "../metrics/index.js";

/** Builds the one `common` object of a process: validated config, logger, metrics, shutdown. */
export function createCommon(processName: string): Common {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // Config errors go to stderr plainly: the logger's own settings may be what is wrong.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
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
