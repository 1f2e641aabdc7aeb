import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type ClientErrorCode = "CLIENT_HTTP_ERROR" | "CLIENT_NETWORK_ERROR" | "CLIENT_BAD_ANSWER";

/** An RFC 9457 problem as the API answers it (docs/api.md, "Errors"). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  parameter?: string;
};

/**
 * Every failure of the typed client. `problem` is the API's own problem details when it sent one;
 * `retryable` is true for network failures, 429 and 5xx.
 */
export class ClientError extends BaseError {
  override name = "ClientError";
  declare readonly code: ClientErrorCode;
  readonly status?: number;
  readonly problem?: Problem;
  constructor(
    code: ClientErrorCode,
    shortMessage: string,
    params: BaseErrorParameters & { status?: number; problem?: Problem } = {},
  ) {
    super(code, shortMessage, params);
    this.status = params.status;
    this.problem = params.problem;
  }
}
