import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`. */
export type OperatorsErrorMeta = {
  /** A label or definitions file that cannot be read: the entries that fail, when it parsed. */
  OPERATORS_INVALID_FILE: { source?: string; problems?: string[] };
};

export type OperatorsErrorCode = keyof OperatorsErrorMeta;

export class OperatorsError<C extends OperatorsErrorCode = OperatorsErrorCode> extends BaseError<
  OperatorsErrorMeta[C]
> {
  override name = "OperatorsError";
  declare readonly code: C;
  constructor(
    code: C,
    shortMessage: string,
    params: BaseErrorParameters<OperatorsErrorMeta[C]> = {},
  ) {
    super(code, shortMessage, params);
  }
}
