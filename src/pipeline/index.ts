export { scoreEpoch, type ScoreEpochParameters, type ScoreEpochReturnType } from "./scoreEpoch.js";
export {
  proveReport,
  type ProveReportParameters,
  type ProveReportReturnType,
} from "./proveReport.js";
export {
  postStoredReport,
  type PostStoredReportParameters,
  type PostStoredReportReturnType,
} from "./postStoredReport.js";
export {
  ensureFeedsRegistered,
  type EnsureFeedsRegisteredParameters,
} from "./ensureFeedsRegistered.js";
export { createDueReports, type CreateDueReportsParameters } from "./createDueReports.js";
export {
  reconcilePipeline,
  type ReconcilePipelineParameters,
  type ReconcilePipelineReturnType,
} from "./reconcilePipeline.js";
export { PipelineError, type PipelineErrorCode } from "./errors.js";
export { failReport, type FailReportParameters, type FailReportReturnType } from "./failReport.js";
export {
  retryReport,
  type RetryReportParameters,
  type RetryReportReturnType,
} from "./retryReport.js";
export {
  resolveDeploymentBlock,
  type ResolveDeploymentBlockParameters,
} from "./resolveDeploymentBlock.js";
export {
  checkOracleMode,
  type CheckOracleModeParameters,
  type CheckOracleModeReturnType,
} from "./checkOracleMode.js";
export {
  createEpochReports,
  type CreateEpochReportsParameters,
  type CreateEpochReportsReturnType,
} from "./createEpochReports.js";
export {
  requeueFailedReport,
  type RequeueFailedReportParameters,
  type RequeueFailedReportReturnType,
} from "./requeueFailedReport.js";
export {
  verifyPublishedReport,
  type VerifyPublishedReportParameters,
  type VerifyPublishedReportReturnType,
} from "./verifyPublishedReport.js";
export {
  importOperators,
  type ImportOperatorsParameters,
  type ImportOperatorsReturnType,
} from "./importOperators.js";
export {
  planOracleDeployment,
  type PlanOracleDeploymentParameters,
  type PlanOracleDeploymentReturnType,
} from "./planOracleDeployment.js";
export { startWorker, type StartWorkerParameters, type RunningWorker } from "./startWorker.js";
export { parseRoles, ROLES, type Role } from "./parseRoles.js";
