export { OperatorsError, type OperatorsErrorCode } from "./errors.js";
export {
  loadOperatorMapping,
  UNLABELLED_OPERATOR,
  type OperatorMapping,
} from "./operatorMapping.js";
export {
  parseOperatorFile,
  type OperatorDefinitions,
  type ParseOperatorFileParameters,
} from "./parseOperatorFile.js";
export { resolvePubkeys, type ResolvePubkeysParameters } from "./resolvePubkeys.js";
