import { BaseError } from "../common/errors.js";

/** The fields each code carries in `meta`. */
export type FeatureErrorMeta = {
  /** An aggregate row that breaks the contract: its epoch. */
  FEATURES_INVALID_AGGREGATE: { epoch: number };
  /** A window length that is not a positive integer. */
  FEATURES_INVALID_WINDOW: { epochs: number };
};

export type FeatureErrorCode = keyof FeatureErrorMeta;

/** Input that violates the aggregate contract (negative counts, misses above duties, …). */
export class FeatureError<C extends FeatureErrorCode = FeatureErrorCode> extends BaseError<
  FeatureErrorMeta[C]
> {
  override name = "FeatureError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, meta?: FeatureErrorMeta[C]) {
    super(code, shortMessage, { retryable: false, meta });
  }
}
