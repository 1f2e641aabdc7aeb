import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

export type CreateLoggerParameters = {
  level?: string;
  /** Human-readable output; defaults to true only when stdout is a terminal. */
  pretty?: boolean;
  name?: string;
};

/**
 * JSON logs for machines, pretty logs for people at a terminal. Secrets are redacted by key
 * name as a second line of defence: config never logs secret values in the first place.
 */
export function createLogger({ level = "info", pretty, name = "oracle" }: CreateLoggerParameters = {}): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: {
      paths: ["*.privateKey", "*.password", "*.secret", "privateKey", "password", "*.DATABASE_URL", "*.mnemonic"],
      censor: "[redacted]",
    },
  };
  const usePretty = pretty ?? Boolean(process.stdout.isTTY);
  if (usePretty) {
    return pino({
      ...options,
      transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" } },
    });
  }
  return pino(options);
}
