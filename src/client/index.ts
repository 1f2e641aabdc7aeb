export {
  createClient,
  type ApiAnswer,
  type Client,
  type CreateClientParameters,
  type GetPath,
  type Operator,
  type OperatorPage,
  type OperatorScorePage,
  type PathParams,
  type PoolList,
  type QueryParams,
  type Readiness,
  type Report,
  type ReportArtifacts,
  type ReportPage,
  type SlashingPage,
  type Validator,
} from "./createClient.js";
export { ClientError, type ClientErrorCode, type Problem } from "./errors.js";
export type { paths } from "./openapi.js";
