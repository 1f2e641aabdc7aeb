import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`: none yet, the message and details say it all. */
export type PipelineErrorMeta = {
  PIPELINE_REPORT_NOT_FOUND: Record<string, never>;
  PIPELINE_REPORT_STATE: Record<string, never>;
  PIPELINE_EPOCH_NOT_SCORED: Record<string, never>;
  PIPELINE_ARTIFACTS_MISMATCH: Record<string, never>;
  PIPELINE_MODEL_NOT_PINNED: Record<string, never>;
  PIPELINE_DEPLOY_REFUSED: Record<string, never>;
  PIPELINE_MODEL_MISMATCH: Record<string, never>;
  PIPELINE_SCORE_DIVERGENCE: Record<string, never>;
  PIPELINE_FEED_REGISTRY: Record<string, never>;
  PIPELINE_NOT_CONFIGURED: Record<string, never>;
  PIPELINE_ORACLE_DEVELOPMENT_MODE: Record<string, never>;
};

export type PipelineErrorCode = keyof PipelineErrorMeta;

/** A stage that cannot go on with a report or epoch; `retryable` says whether waiting may help. */
export class PipelineError<C extends PipelineErrorCode = PipelineErrorCode> extends BaseError<
  PipelineErrorMeta[C]
> {
  override name = "PipelineError";
  declare readonly code: C;
  constructor(
    code: C,
    shortMessage: string,
    params: BaseErrorParameters<PipelineErrorMeta[C]> = {},
  ) {
    super(code, shortMessage, params);
  }
}
