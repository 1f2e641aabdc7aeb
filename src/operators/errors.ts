import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type OperatorsErrorCode = "OPERATORS_INVALID_FILE";

export class OperatorsError extends BaseError {
  override name = "OperatorsError";
  declare readonly code: OperatorsErrorCode;
  constructor(code: OperatorsErrorCode, shortMessage: string, params: BaseErrorParameters = {}) {
    super(code, shortMessage, params);
  }
}
