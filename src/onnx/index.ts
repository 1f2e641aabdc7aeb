/**
 * Everything the project reads and writes in ONNX: one list of supported operators, one decoder
 * under two readers (the scorer's graph, the circuit compiler's chain of layers) and the writers
 * (the trainer's model file, test and benchmark MLPs).
 */
export { OnnxError, type OnnxErrorCode, type OnnxErrorMeta } from "./errors.js";
export { SUPPORTED_OPERATORS } from "./supportedOperators.js";
export {
  parseOnnxModel,
  type ParsedOnnxModel,
  type OnnxNode,
  type OnnxTensor,
} from "./parseOnnxModel.js";
export {
  parseOnnxMlp,
  type MlpGraph,
  type MlpLayer,
  type MlpLinear,
  type ParseOnnxMlpParameters,
  type ParseOnnxMlpReturnType,
} from "./parseOnnxMlp.js";
export {
  exportOnnx,
  layerOutputName,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  type ExportOnnxLayer,
  type ExportOnnxParameters,
} from "./exportOnnx.js";
export { OUTPUT_UNIT_BPS } from "./outputUnit.js";
export {
  buildMlpOnnx,
  type BuildMlpOnnxLayer,
  type BuildMlpOnnxParameters,
  type OnnxLinearForm,
} from "./buildMlpOnnx.js";
