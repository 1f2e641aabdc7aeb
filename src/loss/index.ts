export {
  slashedValidatorLoss,
  isqrt,
  DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI,
  EPOCHS_PER_SLASHINGS_VECTOR,
  type SlashedValidatorLossParameters,
  type SlashedValidatorLossReturnType,
} from "./electraPenalties.js";
export {
  slashingIncidence,
  clusterSizeDistribution,
  SLASHED_VALIDATORS_PER_VALIDATOR_YEAR,
  type ClusterSizePoint,
  type SlashingIncidenceParameters,
  type SlashingIncidenceReturnType,
} from "./slashingPrior.js";
export { IDEAL_REWARDS_30D_BPS } from "./idealRewards.js";
export {
  expectedLoss,
  BACKGROUND_SLASHED_VALIDATORS,
  type ExpectedLossParameters,
  type ExpectedLossReturnType,
} from "./expectedLoss.js";
export {
  stressedLoss,
  STRESS_SCENARIOS,
  type StressScenario,
  type StressedLossParameters,
  type StressedLossReturnType,
} from "./stressedLoss.js";
export {
  operatorLoss,
  type OperatorLossParameters,
  type OperatorLossReturnType,
} from "./operatorLoss.js";
export { poolLoss, type PoolLossParameters, type PoolLossReturnType } from "./poolLoss.js";
export {
  slashingRecord,
  type SlashingRecordParameters,
  type SlashingRecordReturnType,
} from "./slashingRecord.js";
