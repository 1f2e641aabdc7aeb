import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/**
 * The fields each code carries in `meta`: none, the answer's status and problem are fields of
 * the error itself.
 */
export type ClientErrorMeta = {
  CLIENT_HTTP_ERROR: Record<string, never>;
  CLIENT_NETWORK_ERROR: Record<string, never>;
  CLIENT_BAD_ANSWER: Record<string, never>;
};

export type ClientErrorCode = keyof ClientErrorMeta;

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
export class ClientError<C extends ClientErrorCode = ClientErrorCode> extends BaseError<
  ClientErrorMeta[C]
> {
  override name = "ClientError";
  declare readonly code: C;
  readonly status?: number;
  readonly problem?: Problem;
  constructor(
    code: C,
    shortMessage: string,
    params: BaseErrorParameters<ClientErrorMeta[C]> & { status?: number; problem?: Problem } = {},
  ) {
    super(code, shortMessage, params);
    this.status = params.status;
    this.problem = params.problem;
  }
}
