import { BaseError } from "../common/errors.js";

/** The fields each code carries in `meta`, for logs and for callers that branch on them. */
export type ScoringErrorMeta = {
  SCORING_MODEL_UNREADABLE: { cause?: string };
  SCORING_UNSUPPORTED_OPERATOR: { unsupported: string[] };
  SCORING_INPUT_MISMATCH: { inputs?: number; model?: number; features?: number; tensor?: string };
  SCORING_FEATURE_VERSION_MISMATCH: { model: unknown; expected: unknown };
  SCORING_CARD_MISMATCH: { card?: string; model: string };
  /** The model's output is not the oracle's unit, or it names no probability to grade by. */
  SCORING_OUTPUT_MISMATCH: { unitBps?: string; expectedBps?: number; probabilityOutput?: string };
  SCORING_INVALID_FEATURES: { operatorId: string; version: string };
  SCORING_WINDOW_INCOMPLETE: { epoch: number; missing: number };
};

export type ScoringErrorCode = keyof ScoringErrorMeta;

/** A model or input the scorer refuses; never retryable (the same file fails the same way). */
export class ScoringError<C extends ScoringErrorCode = ScoringErrorCode> extends BaseError<
  ScoringErrorMeta[C]
> {
  override name = "ScoringError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, meta?: ScoringErrorMeta[C]) {
    super(code, shortMessage, { retryable: false, meta });
  }
}

/** An epoch in the feature window is not ingested yet: retry once ingestion has caught up. */
export class ScoringWindowIncompleteError extends BaseError<
  ScoringErrorMeta["SCORING_WINDOW_INCOMPLETE"]
> {
  override name = "ScoringWindowIncompleteError";
  declare readonly code: "SCORING_WINDOW_INCOMPLETE";
  constructor(epoch: number, missing: number) {
    super(
      "SCORING_WINDOW_INCOMPLETE",
      `Cannot score epoch ${epoch} yet: ${missing} epochs of its window are not ingested`,
      { retryable: true, meta: { epoch, missing } },
    );
  }
}
