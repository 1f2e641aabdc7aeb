export type {
  AttestationAggregate,
  ProposalAggregate,
  SyncAggregate,
  EpochAggregate,
  OperatorEpochAggregate,
  NetworkEpochAggregate,
  SlashingEvent,
  WindowName,
  WindowSummary,
  FeatureVector,
  ValidatorDuties,
} from "./types.js";
export { EPOCHS_PER_DAY, WINDOWS } from "./types.js";
export { emptyAttestationAggregate } from "./emptyAttestationAggregate.js";
export { emptyEpochAggregate } from "./emptyEpochAggregate.js";
export {
  FEATURE_VERSION,
  FEATURE_SPECS,
  FEATURE_NAMES,
  FEATURE_COUNT,
  CSM_LEEWAY,
  RATE_FLOOR,
  EPOCHS_PER_YEAR,
  type FeatureSpec,
} from "./featureSpec.js";
export { FeatureError, type FeatureErrorCode } from "./errors.js";
export { summarizeWindow, type SummarizeWindowParameters } from "./summarizeWindow.js";
export {
  summarizeWindows,
  type WindowSummaries,
  type SummarizeWindowsParameters,
} from "./summarizeWindows.js";
export { attestationEffectiveness, EFFECTIVENESS_WEIGHTS } from "./attestationEffectiveness.js";
export { missRates, type MissRatesReturnType } from "./missRates.js";
export { proposalMissRate } from "./proposalMissRate.js";
export { syncParticipation } from "./syncParticipation.js";
export { performanceGap } from "./performanceGap.js";
export { underThresholdShare, type UnderThresholdShareParameters } from "./underThresholdShare.js";
export { csmWindowDays, type CsmWindowDaysReturnType } from "./csmWindowDays.js";
export { correlationIndex } from "./correlationIndex.js";
export { shrinkRate, type ShrinkRateParameters } from "./shrinkRate.js";
export { logRate } from "./logRate.js";
export {
  networkReference,
  type NetworkReference,
  type NetworkReferenceParameters,
} from "./networkReference.js";
export {
  operatorFeatureVector,
  type OperatorFeatureVectorParameters,
} from "./operatorFeatureVector.js";
export { computeFeatures, type ComputeFeaturesParameters } from "./computeFeatures.js";
