/**
 * The on-chain half of the oracle: RiskOracle's ABI and bytecode, the EIP-712 report type with
 * signing and recovery, report building, signature collection and an idempotent poster.
 */
export { riskOracleAbi, riskOracleBytecode } from "./abi/riskOracle.js";
export { riskFeedAdapterAbi, riskFeedAdapterBytecode } from "./abi/riskFeedAdapter.js";
export { halo2VerifierAbi } from "./abi/halo2Verifier.js";
export { aggregatorV3Abi } from "./abi/aggregatorV3.js";
export { SCORES_PER_WORD, MAX_SCORE_BPS, INPUT_COMMITMENT_INSTANCE, MODEL_HASH_INSTANCE, OUTPUT_INSTANCE_OFFSET, FIELD_MODULUS } from "./constants.js";
export type { Report, ReportHeader, ReportTarget } from "./types.js";
export { reportTypes, REPORT_DOMAIN_NAME, REPORT_DOMAIN_VERSION } from "./reportTypes.js";
export { getReportDomain, type GetReportDomainParameters, type GetReportDomainReturnType } from "./getReportDomain.js";
export { feedId, type FeedIdParameters } from "./feedId.js";
export { packScores } from "./packScores.js";
export { unpackScores, type UnpackScoresParameters } from "./unpackScores.js";
export { bpsFromFelt } from "./bpsFromFelt.js";
export { instancesFromEzkl } from "./instancesFromEzkl.js";
export { scoresFromInstances, type ScoresFromInstancesParameters, type ScoresFromInstancesReturnType } from "./scoresFromInstances.js";
export { buildReport, type BuildReportParameters } from "./buildReport.js";
export { hashReport, type HashReportParameters } from "./hashReport.js";
export { signReport, type SignReportParameters } from "./signReport.js";
export { recoverReportSigner, type RecoverReportSignerParameters } from "./recoverReportSigner.js";
export { collectSignatures, type CollectSignaturesParameters, type CollectSignaturesReturnType, type SignatureSource } from "./collectSignatures.js";
export type { PostRecord, PostRecordKey, PostRecordStatus, PostRecordStore } from "./postRecordStore.js";
export { createMemoryPostRecordStore, type MemoryPostRecordStore } from "./createMemoryPostRecordStore.js";
export { postReport, type PostReportParameters, type PostReportReturnType } from "./postReport.js";
export { deployRiskOracle, type DeployRiskOracleParameters, type DeployRiskOracleReturnType } from "./deployRiskOracle.js";
export { observeFeedStaleness, type ObserveFeedStalenessParameters, type ObserveFeedStalenessReturnType } from "./observeFeedStaleness.js";
export { decryptKeystore, type DecryptKeystoreParameters, type Keystore } from "./decryptKeystore.js";
export { encryptKeystore, type EncryptKeystoreParameters } from "./encryptKeystore.js";
export { loadPosterAccount, type LoadPosterAccountParameters } from "./loadPosterAccount.js";
export { toOracleError } from "./toOracleError.js";
export * from "./errors.js";
export { verifyReportArtifacts, type VerifyReportArtifactsParameters, type VerifyReportArtifactsReturnType } from "./verifyReportArtifacts.js";
export { rawProof } from "./rawProof.js";
export { reportFromArtifacts } from "./reportFromArtifacts.js";
export { serializeReport, deserializeReport, type AttestationRequest, type SerializedReport } from "./attestationRequest.js";
export { attestReport, type AttestReportParameters, type AttestReportReturnType } from "./attestReport.js";
export { httpAttesterSource, type HttpAttesterSourceParameters, type AttesterAnswer } from "./httpAttesterSource.js";
export { riskBasedLtvAbi, riskBasedLtvBytecode } from "./abi/riskBasedLtv.js";
export { createChainClients, type CreateChainClientsParameters, type CreateChainClientsReturnType } from "./createChainClients.js";
export type { PinnedCircuit } from "./pinnedCircuit.js";
export { checkPinnedCircuit, type CheckPinnedCircuitParameters } from "./checkPinnedCircuit.js";
export { readModelPin, type ReadModelPinParameters, type ReadModelPinReturnType } from "./readModelPin.js";
export { loadCircuitVerifier, type LoadCircuitVerifierParameters, type LoadCircuitVerifierReturnType, type VerifierManifest } from "./loadCircuitVerifier.js";
export { deployVerifier, type DeployVerifierParameters, type DeployVerifierReturnType } from "./deployVerifier.js";
export { reusableVerifierAdapterAbi, reusableVerifierAdapterBytecode } from "./abi/reusableVerifierAdapter.js";
