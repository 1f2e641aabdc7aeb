/**
 * The chain side of the oracle: contract ABIs, viem clients, the idempotent poster, contract
 * deployment, the deployment-block search, staleness observation, model-pin reads and the
 * poster account. Builds on src/report.
 */
export { riskOracleAbi, riskOracleBytecode } from "./abi/riskOracle.js";
export { riskFeedAdapterAbi, riskFeedAdapterBytecode } from "./abi/riskFeedAdapter.js";
export { halo2VerifierAbi } from "./abi/halo2Verifier.js";
export { aggregatorV3Abi } from "./abi/aggregatorV3.js";
export type {
  PostRecord,
  PostRecordKey,
  PostRecordStatus,
  PostRecordStore,
} from "../db/postRecordStore.js";
export {
  createMemoryPostRecordStore,
  type MemoryPostRecordStore,
} from "./createMemoryPostRecordStore.js";
export {
  postReport,
  type PostReportParameters,
  type PostReportReturnType,
  type AccountLock,
} from "./postReport.js";
export {
  deployRiskOracle,
  type DeployRiskOracleParameters,
  type DeployRiskOracleReturnType,
  type InitialModel,
} from "./deployRiskOracle.js";
export {
  fetchBeaconClock,
  type BeaconClock,
  type FetchBeaconClockParameters,
} from "./fetchBeaconClock.js";
export { reportValidUntil, type ReportValidUntilParameters } from "./reportValidUntil.js";
export {
  observeFeedStaleness,
  type ObserveFeedStalenessParameters,
  type ObserveFeedStalenessReturnType,
} from "./observeFeedStaleness.js";
export { loadPosterAccount, type LoadPosterAccountParameters } from "./loadPosterAccount.js";
export { toOracleError } from "./toOracleError.js";
export { findDeploymentBlock, type FindDeploymentBlockParameters } from "./findDeploymentBlock.js";
export { riskBasedLtvAbi, riskBasedLtvBytecode } from "./abi/riskBasedLtv.js";
export {
  createChainClients,
  type CreateChainClientsParameters,
  type CreateChainClientsReturnType,
} from "./createChainClients.js";
export {
  readModelPin,
  type ReadModelPinParameters,
  type ReadModelPinReturnType,
} from "./readModelPin.js";
export {
  loadCircuitVerifier,
  type LoadCircuitVerifierParameters,
  type LoadCircuitVerifierReturnType,
  type VerifierManifest,
} from "./loadCircuitVerifier.js";
export {
  deployVerifier,
  type DeployVerifierParameters,
  type DeployVerifierReturnType,
} from "./deployVerifier.js";
export {
  reusableVerifierAdapterAbi,
  reusableVerifierAdapterBytecode,
} from "./abi/reusableVerifierAdapter.js";
export {
  deployOracle,
  deployFeedAdapter,
  demoCollateral,
  bindCdpFeed,
  type DeployOracleParameters,
  type DeployOracleReturnType,
} from "./deployOracle.js";
export {
  encodeOracleChange,
  type OracleChange,
} from "./encodeOracleChange.js";
export { decodeOracleChange } from "./decodeOracleChange.js";
export { acceptModelChange, type AcceptModelChangeParameters } from "./acceptModelChange.js";
export {
  listOracleChanges,
  type ListOracleChangesParameters,
  type ListOracleChangesReturnType,
  type PendingOracleChange,
} from "./listOracleChanges.js";
export {
  planOracleAdminCall,
  type PlanOracleAdminCallParameters,
  type PlanOracleAdminCallReturnType,
} from "./planOracleAdminCall.js";
