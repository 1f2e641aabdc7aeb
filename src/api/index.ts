export { buildApp, type BuildAppParameters, type BuildAppReturnType } from "./buildApp.js";
export { apiPlugin } from "./apiPlugin.js";
export type { ApiContext } from "./apiContext.js";
export { ApiError, type ApiErrorCode, type ApiErrorParameters } from "./apiError.js";
export {
  PROBLEMS,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_PREFIX,
  type ProblemKind,
} from "./problems.js";
export { REPORT_ARTIFACTS_FORMAT } from "./routes/getReportArtifacts.js";
