import { BaseError, type BaseErrorParameters } from "../common/errors.js";
import { PROBLEMS, type ProblemKind } from "./problems.js";

export type ApiErrorParameters = BaseErrorParameters & {
  /** For a bad parameter: its name and where it was, echoed in the problem body. */
  parameter?: string;
  in?: "path" | "query" | "header" | "body";
};

/** An error the API answers with a problem of a known kind (404, 409, a bad cursor, …). */
export class ApiError extends BaseError {
  override name = "ApiError";
  readonly kind: ProblemKind;
  readonly status: number;
  readonly parameter?: string;
  readonly in?: ApiErrorParameters["in"];

  constructor(kind: ProblemKind, detail: string, params: ApiErrorParameters = {}) {
    super(`API_${kind.toUpperCase().replaceAll("-", "_")}`, detail, params);
    this.kind = kind;
    this.status = PROBLEMS[kind].status;
    this.parameter = params.parameter;
    this.in = params.in;
  }
}
