export {
  createChain,
  toHex,
  type Chain,
  type CreateChainParameters,
  type EpochTruth,
  type Finality,
  type ProposalTruth,
  type ValidatorRewardsTruth,
  type ValidatorStatus,
} from "./createChain.js";
export type { NodeStorage } from "./routes.js";
export {
  startSimulator,
  type StartSimulatorParameters,
  type StartSimulatorReturnType,
  type SimulatorStatus,
} from "./startSimulator.js";
export {
  parseScenario,
  type Scenario,
  type ScenarioInput,
  type ScenarioOperator,
  type ScenarioPool,
} from "./scenario.js";
export { loadScenario } from "./loadScenario.js";
export {
  scenarioOperatorFile,
  type ScenarioOperatorFileEntry,
} from "./scenarioOperatorFile.js";
export type { FaultRule, FaultKind, Faults } from "./faults.js";
export { Flag } from "./transition.js";
export { ScenarioInvalidError, PresetMismatchError, FaultRuleInvalidError } from "./errors.js";
