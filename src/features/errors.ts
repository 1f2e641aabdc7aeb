import { BaseError } from "../common/errors.js";

export type FeatureErrorCode = "FEATURES_INVALID_AGGREGATE" | "FEATURES_INVALID_WINDOW";

/** Input that violates the aggregate contract (negative counts, misses above duties, …). */
export class FeatureError extends BaseError {
  override name = "FeatureError";
  constructor(code: FeatureErrorCode, shortMessage: string, meta?: Record<string, unknown>) {
    super(code, shortMessage, { retryable: false, meta });
  }
}
