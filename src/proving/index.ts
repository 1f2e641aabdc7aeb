export { calibrate, type CalibrateParameters, type CalibrateReturnType } from "./calibrate.js";
export {
  compileCircuit,
  type CompileCircuitParameters,
  type CompileCircuitReturnType,
} from "./compileCircuit.js";
export {
  compileCircuitFiles,
  type CompileCircuitFilesParameters,
  type CompileCircuitFilesReturnType,
} from "./compileCircuitFiles.js";
export {
  diffCompiledCircuits,
  type DiffCompiledCircuitsParameters,
  type DiffCompiledCircuitsReturnType,
} from "./diffCompiledCircuits.js";
export { computeCommitment, type ComputeCommitmentParameters } from "./computeCommitment.js";
export { createSettings, poseidonRows, type CreateSettingsParameters } from "./createSettings.js";
export {
  decodeGraphCircuit,
  encodeGraphCircuit,
  type GraphCircuit,
  type GraphSettings,
} from "./graphCircuit.js";
export {
  generateDevSrs,
  type GenerateDevSrsParameters,
  type GenerateDevSrsReturnType,
} from "./generateDevSrs.js";
export { getKeys, type GetKeysParameters, type GetKeysReturnType } from "./getKeys.js";
export { loadSrs, type LoadSrsParameters, type LoadSrsReturnType } from "./loadSrs.js";
export { proveBatch, type ProveBatchParameters, type ProveBatchReturnType } from "./proveBatch.js";
export { parseSettingsJson, settingsToJson } from "./settingsJson.js";
export {
  verifyBatch,
  type VerifyBatchParameters,
  type VerifyBatchReturnType,
} from "./verifyBatch.js";
export * from "./errors.js";
export {
  buildCircuit,
  circuitDir,
  loadCircuit,
  writeCircuit,
  type BuildCircuitParameters,
  type Circuit,
  type CircuitManifest,
  type LoadCircuitParameters,
} from "./circuitFiles.js";
export { resolveSrsPath, type ResolveSrsPathParameters } from "./resolveSrsPath.js";
export { sha256Hex } from "./getKeys.js";
export {
  runNativeEzkl,
  nativeEzklPython,
  type NativeStep,
  type NativeStepResult,
  type RunNativeEzklParameters,
  type RunNativeEzklReturnType,
} from "./runNativeEzkl.js";
export {
  ensureNativeKeys,
  type EnsureNativeKeysParameters,
  type EnsureNativeKeysReturnType,
} from "./ensureNativeKeys.js";
export {
  nativeVerifierInputs,
  type NativeVerifierInputsParameters,
  type NativeVerifierInputsReturnType,
} from "./nativeVerifierInputs.js";
export { ENGINE_PROOF_VERSION, MAX_LOGROWS, proverOfProof, type Prover } from "./provers.js";
export {
  buildRiskCircuit,
  type BuildRiskCircuitParameters,
  type BuildRiskCircuitReturnType,
} from "./buildRiskCircuit.js";
