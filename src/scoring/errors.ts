import { BaseError } from "../common/errors.js";

export type ScoringErrorCode =
  | "SCORING_MODEL_UNREADABLE"
  | "SCORING_UNSUPPORTED_OPERATOR"
  | "SCORING_INPUT_MISMATCH"
  | "SCORING_FEATURE_VERSION_MISMATCH"
  | "SCORING_CARD_MISMATCH"
  | "SCORING_INVALID_FEATURES";

/** A model or input the scorer refuses; never retryable (the same file fails the same way). */
export class ScoringError extends BaseError {
  override name = "ScoringError";
  constructor(code: ScoringErrorCode, shortMessage: string, meta?: Record<string, unknown>) {
    super(code, shortMessage, { retryable: false, meta });
  }
}
