import { pino, type Logger, type LoggerOptions } from "pino";
import { createSecretCensor } from "./createSecretCensor.js";

export type { Logger };

export type CreateLoggerParameters = {
  level?: string;
  /** Human-readable output; defaults to true only when stdout is a terminal. */
  pretty?: boolean;
  name?: string;
  /** Values of the secret settings (secretValues(config)): censored wherever they appear in a line. */
  secrets?: readonly string[];
  /** Where JSON lines go (default stdout); tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
};

/**
 * JSON logs for machines, pretty logs for people at a terminal. Every line is censored before it
 * is written: the value of each secret setting is replaced wherever it appears, because errors
 * from libraries carry them (viem puts the RPC URL, API key included, in its messages and
 * appends a cause's message to its own). Secrets are also redacted by key name.
 */
export function createLogger({
  level = "info",
  pretty,
  name = "oracle",
  secrets = [],
  destination,
}: CreateLoggerParameters = {}): Logger {
  const censor = createSecretCensor({ secrets });
  const options: LoggerOptions = {
    name,
    level,
    redact: {
      paths: [
        "*.privateKey",
        "*.password",
        "*.secret",
        "privateKey",
        "password",
        "*.DATABASE_URL",
        "*.mnemonic",
      ],
      censor: "[redacted]",
    },
    hooks: { streamWrite: censor },
  };
  const usePretty = pretty ?? Boolean(process.stdout.isTTY);
  if (usePretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  return destination ? pino(options, destination) : pino(options);
}
