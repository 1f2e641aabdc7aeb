export { BaseError, isRetryable, type BaseErrorParameters } from "./errors.js";
export { errorCode } from "./errorCode.js";
export {
  createSecretCensor,
  type SecretCensor,
  type CreateSecretCensorParameters,
} from "./createSecretCensor.js";
export { createLogger, type Logger, type CreateLoggerParameters } from "./logger.js";
export { createShutdown, type Shutdown } from "./shutdown.js";
export { sleep } from "./sleep.js";
export { retry, type RetryParameters } from "./retry.js";
export { createProgress, type Progress } from "./progress.js";
