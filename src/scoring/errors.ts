import { BaseError } from "../common/errors.js";

export type ScoringErrorCode =
  | "SCORING_MODEL_UNREADABLE"
  | "SCORING_UNSUPPORTED_OPERATOR"
  | "SCORING_INPUT_MISMATCH"
  | "SCORING_FEATURE_VERSION_MISMATCH"
  | "SCORING_CARD_MISMATCH"
  | "SCORING_INVALID_FEATURES"
  | "SCORING_WINDOW_INCOMPLETE";

/** A model or input the scorer refuses; never retryable (the same file fails the same way). */
export class ScoringError extends BaseError {
  override name = "ScoringError";
  constructor(code: ScoringErrorCode, shortMessage: string, meta?: Record<string, unknown>) {
    super(code, shortMessage, { retryable: false, meta });
  }
}

/** An epoch in the feature window is not ingested yet: retry once ingestion has caught up. */
export class ScoringWindowIncompleteError extends BaseError {
  override name = "ScoringWindowIncompleteError";
  constructor(epoch: number, missing: number) {
    super("SCORING_WINDOW_INCOMPLETE", `Cannot score epoch ${epoch} yet: ${missing} epochs of its window are not ingested`, { retryable: true, meta: { epoch, missing } });
  }
}
