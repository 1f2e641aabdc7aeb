export { createDb, type Db, type CreateDbParameters } from "./createDb.js";
export { copyRows } from "./copyRows.js";
export {
  earliestIngestedEpoch,
  ingestedEpochs,
  ingestedSpan,
  latestIngestedEpoch,
  type IngestedSpan,
} from "./ingestedEpochs.js";
export { loadEpochBalances } from "./loadEpochBalances.js";
export { saveStagedEpoch, type SaveStagedEpochParameters } from "./saveStagedEpoch.js";
export {
  loadStagedEpoch,
  type StagedEpochHeader,
  type LoadStagedEpochReturnType,
} from "./loadStagedEpoch.js";
export { discardStagedEpochs } from "./discardStagedEpochs.js";
export { stagedEpochNumbers } from "./stagedEpochNumbers.js";
export { loadRegistry } from "./loadRegistry.js";
export { writeEpoch, type WriteEpochParameters, type WriteEpochReturnType } from "./writeEpoch.js";
export {
  saveOperatorDefinitions,
  type SaveOperatorDefinitionsParameters,
  type SaveOperatorDefinitionsReturnType,
} from "./saveOperatorDefinitions.js";
export { withTransaction } from "./withTransaction.js";
export {
  saveFinalizedHead,
  loadFinalizedHead,
  loadOperatorDefinitionsVersion,
  type FinalizedHead,
} from "./syncState.js";
export { DbError, type DbErrorCode, type DbErrorMeta } from "./errors.js";
export {
  loadScoringInputs,
  type LoadScoringInputsParameters,
  type LoadScoringInputsReturnType,
} from "./loadScoringInputs.js";
export {
  writeScores,
  type WriteScoresParameters,
  type WriteScoresReturnType,
  type StoredOperatorScore,
  type StoredPoolScore,
} from "./writeScores.js";
export {
  createReports,
  type CreateReportsParameters,
  type CreateReportsReturnType,
} from "./createReports.js";
export { latestScoredEpoch } from "./latestScoredEpoch.js";
export {
  loadValidatorEpochs,
  type ValidatorEpoch,
  type LoadValidatorEpochsParameters,
} from "./loadValidatorEpochs.js";
export { loadReportArtifacts, type ReportArtifacts } from "./loadReportArtifacts.js";
export { createPostRecordStore } from "./createPostRecordStore.js";
export type {
  PostRecord,
  PostRecordKey,
  PostRecordStatus,
  PostRecordStore,
} from "./postRecordStore.js";
export { createPgAccountLock, type PgAccountLock } from "./createPgAccountLock.js";
export { saveOracleDeployment, type OracleDeployment } from "./saveOracleDeployment.js";
export { loadOracleDeployment } from "./loadOracleDeployment.js";
export { isEpochScored, type IsEpochScoredParameters } from "./isEpochScored.js";
export { countFeeds } from "./countFeeds.js";
export { firstReportOfEpoch, type FirstReportOfEpochParameters } from "./firstReportOfEpoch.js";
export {
  loadReportStatus,
  type LoadReportStatusParameters,
  type LoadReportStatusReturnType,
} from "./loadReportStatus.js";
export {
  loadReportPost,
  type LoadReportPostParameters,
  type LoadReportPostReturnType,
} from "./loadReportPost.js";
export {
  loadReportAttestations,
  type LoadReportAttestationsParameters,
  type LoadReportAttestationsReturnType,
} from "./loadReportAttestations.js";
export {
  loadEpochScores,
  type LoadEpochScoresParameters,
  type LoadEpochScoresReturnType,
} from "./loadEpochScores.js";
export { scoringEpochs, type ScoringEpochsParameters } from "./scoringEpochs.js";
export { loadPostedOperatorIds } from "./loadPostedOperatorIds.js";
