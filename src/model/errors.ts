import { BaseError } from "../common/errors.js";

export type ModelErrorCode = "MODEL_TRAINING_DATA" | "MODEL_CSV_INVALID";

export class ModelError extends BaseError {
  override name = "ModelError";
  constructor(code: ModelErrorCode, shortMessage: string, meta?: Record<string, unknown>) {
    super(code, shortMessage, { retryable: false, meta });
  }
}
