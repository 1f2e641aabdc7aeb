export { createRandom, type Random } from "./random.js";
export * as calibration from "./calibration.js";
export { SIMULATOR_VERSION, SLASHING_BOOST, type OperatorProfile } from "./calibration.js";
export { ModelError, type ModelErrorCode } from "./errors.js";
export {
  sampleOperator,
  type SimulatedOperator,
  type SampleOperatorParameters,
} from "./sampleOperator.js";
export {
  simulateNetwork,
  type ClientIncident,
  type SimulateNetworkParameters,
  type SimulateNetworkReturnType,
} from "./simulateNetwork.js";
export {
  simulateOperator,
  type SimulateOperatorParameters,
  type SimulateOperatorReturnType,
} from "./simulateOperator.js";
export {
  severeLoss,
  SEVERE_SHORTFALL_SHARE,
  type SevereLossParameters,
  type SevereLossReturnType,
} from "./severeLoss.js";
export {
  simulateFeatureBatch,
  type SimulateFeatureBatchParameters,
  type SimulateFeatureBatchReturnType,
} from "./simulateFeatureBatch.js";
export {
  buildTrainingSet,
  type Sample,
  type BuildTrainingSetParameters,
  type BuildTrainingSetReturnType,
} from "./buildTrainingSet.js";
export {
  trainMlp,
  predictMlp,
  forwardInto,
  type Mlp,
  type DenseLayer,
  type TrainMlpParameters,
} from "./mlp.js";
export {
  evaluate,
  CALIBRATION_EDGES,
  type Metrics,
  type CalibrationBin,
  type EvaluateParameters,
} from "./evaluate.js";
export {
  calibrationCurve,
  type CalibrationPoint,
  type CalibrationCurveParameters,
  type CalibrationCurveReturnType,
} from "./calibrationCurve.js";
export {
  evaluateFreshSeeds,
  measureSeed,
  FRESH_SEEDS,
  VALIDATION_SEEDS,
  MAX_FRESH_SEED_ECE,
  type FreshSeedResult,
  type EvaluateFreshSeedsParameters,
  type MeasureSeedParameters,
} from "./evaluateFreshSeeds.js";
export {
  inputScaling,
  scaleRows,
  foldScaling,
  SCALED_RANGE,
  type InputScaling,
} from "./inputScaling.js";
export {
  trainRiskModel,
  MLP_MIN_AUROC_GAIN,
  MLP_MIN_BRIER_GAIN,
  type TrainRiskModelParameters,
  type TrainRiskModelReturnType,
  type ModelKind,
} from "./trainRiskModel.js";
export {
  buildModelCard,
  renderModelCardMarkdown,
  type ModelCard,
  type BuildModelCardParameters,
} from "./modelCard.js";
export { parseLabelledCsv } from "./parseLabelledCsv.js";
export type { TrainingData } from "./trainingData.js";
export {
  simulatedTrainingData,
  type SimulatedTrainingDataParameters,
  type SimulatedTrainingDataReturnType,
} from "./simulatedTrainingData.js";
export {
  labelledTrainingData,
  type LabelledTrainingDataParameters,
} from "./labelledTrainingData.js";
export {
  trainCandidate,
  type TrainCandidateParameters,
  type TrainCandidateReturnType,
} from "./trainCandidate.js";
export { refreshFreshSeeds, type RefreshFreshSeedsParameters } from "./refreshFreshSeeds.js";
export {
  archetypeOperators,
  type ArchetypeOperator,
  type ArchetypeName,
} from "./archetypeOperators.js";
export {
  archetypeGate,
  ARCHETYPE_POPULATION_PERCENTILE,
  type ArchetypeGateParameters,
  type ArchetypeGateReturnType,
  type ArchetypeCheck,
} from "./archetypeGate.js";
export {
  fitShortfallHead,
  evaluateHead,
  HEAD_PARAMETER_GRID,
  HEAD_QUANTILES,
  type FitShortfallHeadParameters,
  type ShortfallHead,
} from "./fitShortfallHead.js";
export {
  shortfallCalibration,
  SHORTFALL_EDGES_BPS,
  type ShortfallCalibrationPoint,
  type ShortfallCalibrationParameters,
  type ShortfallCalibrationReturnType,
} from "./shortfallCalibration.js";
