import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type PipelineErrorCode =
  | "PIPELINE_REPORT_NOT_FOUND"
  | "PIPELINE_REPORT_STATE"
  | "PIPELINE_EPOCH_NOT_SCORED"
  | "PIPELINE_ARTIFACTS_MISMATCH"
  | "PIPELINE_MODEL_NOT_PINNED"
  | "PIPELINE_DEPLOY_REFUSED"
  | "PIPELINE_MODEL_MISMATCH"
  | "PIPELINE_SCORE_DIVERGENCE"
  | "PIPELINE_FEED_REGISTRY"
  | "PIPELINE_NOT_CONFIGURED"
  | "PIPELINE_ORACLE_DEVELOPMENT_MODE";

/** A stage that cannot go on with a report or epoch; `retryable` says whether waiting may help. */
export class PipelineError extends BaseError {
  override name = "PipelineError";
  constructor(code: PipelineErrorCode, shortMessage: string, params: BaseErrorParameters = {}) {
    super(code, shortMessage, params);
  }
}
