import { BaseError } from "../common/errors.js";

/** The fields each code carries in `meta`. */
export type ModelErrorMeta = {
  /** Samples too few for the split (their counts), an unknown feature to exclude, or misaligned columns. */
  MODEL_TRAINING_DATA: { train?: number; test?: number; name?: string; columns?: number[] };
  /** A labelled CSV that does not parse: the parser's message, missing columns or a bad cell. */
  MODEL_CSV_INVALID: { cause?: string; missing?: string[]; row?: number; column?: string };
};

export type ModelErrorCode = keyof ModelErrorMeta;

export class ModelError<C extends ModelErrorCode = ModelErrorCode> extends BaseError<
  ModelErrorMeta[C]
> {
  override name = "ModelError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, meta?: ModelErrorMeta[C]) {
    super(code, shortMessage, { retryable: false, meta });
  }
}
