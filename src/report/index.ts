/**
 * The pure report code of the oracle: the EIP-712 report type, build, hash, sign and recover,
 * packed scores, feed ids, felt to basis points, a report from stored proof artifacts and their
 * verification against the pinned circuit, and the oracle's coded errors. No chain I/O.
 */
export {
  SCORES_PER_WORD,
  MAX_SCORE_BPS,
  NO_DATA_SCORE,
  INPUT_COMMITMENT_INSTANCE,
  MODEL_HASH_INSTANCE,
  OUTPUT_INSTANCE_OFFSET,
  FIELD_MODULUS,
} from "./constants.js";
export type { Report, ReportHeader, ReportTarget } from "./types.js";
export { reportTypes, REPORT_DOMAIN_NAME, REPORT_DOMAIN_VERSION } from "./reportTypes.js";
export {
  getReportDomain,
  type GetReportDomainParameters,
  type GetReportDomainReturnType,
} from "./getReportDomain.js";
export { feedId, type FeedIdParameters } from "./feedId.js";
export { packScores } from "./packScores.js";
export { unpackScores, type UnpackScoresParameters } from "./unpackScores.js";
export { bpsFromFelt } from "./bpsFromFelt.js";
export { instancesFromEzkl } from "./instancesFromEzkl.js";
export {
  scoresFromInstances,
  type ScoresFromInstancesParameters,
  type ScoresFromInstancesReturnType,
} from "./scoresFromInstances.js";
export { buildReport, type BuildReportParameters } from "./buildReport.js";
export { hashReport, type HashReportParameters } from "./hashReport.js";
export { signReport, type SignReportParameters } from "./signReport.js";
export { recoverReportSigner, type RecoverReportSignerParameters } from "./recoverReportSigner.js";
export * from "./errors.js";
export {
  verifyReportArtifacts,
  type VerifyReportArtifactsParameters,
  type VerifyReportArtifactsReturnType,
} from "./verifyReportArtifacts.js";
export { rawProof } from "./rawProof.js";
export { reportFromArtifacts } from "./reportFromArtifacts.js";
export type { PinnedCircuit } from "./pinnedCircuit.js";
export { checkPinnedCircuit, type CheckPinnedCircuitParameters } from "./checkPinnedCircuit.js";
