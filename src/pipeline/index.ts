export { scoreEpoch, type ScoreEpochParameters, type ScoreEpochReturnType } from "./scoreEpoch.js";
export { proveReport, type ProveReportParameters, type ProveReportReturnType } from "./proveReport.js";
export { postStoredReport, type PostStoredReportParameters, type PostStoredReportReturnType } from "./postStoredReport.js";
export { ensureFeedsRegistered, type EnsureFeedsRegisteredParameters } from "./ensureFeedsRegistered.js";
export { createDueReports, type CreateDueReportsParameters } from "./createDueReports.js";
export { reconcilePipeline, type ReconcilePipelineParameters, type ReconcilePipelineReturnType } from "./reconcilePipeline.js";
export { PipelineError, type PipelineErrorCode } from "./errors.js";
export { failReport, type FailReportParameters, type FailReportReturnType } from "./failReport.js";
export { retryReport, type RetryReportParameters, type RetryReportReturnType } from "./retryReport.js";
