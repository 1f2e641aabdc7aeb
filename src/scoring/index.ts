export { ScoringError, ScoringWindowIncompleteError, type ScoringErrorCode } from "./errors.js";
export { loadModel, type LoadModelParameters, type LoadedModel } from "./loadModel.js";
export { referenceForward, type ReferenceForwardParameters } from "./referenceForward.js";
export {
  scoreOperators,
  type OperatorScore,
  type ScoreOperatorsParameters,
} from "./scoreOperators.js";
export { createScorer, type CreateScorerParameters, type Scorer } from "./createScorer.js";
export { riskGrade, GRADE_BANDS, type RiskGrade } from "./riskGrade.js";
export { poolScore, type PoolScoreParameters, type PoolScoreReturnType } from "./poolScore.js";
export {
  featureContributions,
  type FeatureContributionsParameters,
  type FeatureContributionsReturnType,
} from "./featureContributions.js";
