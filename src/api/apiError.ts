import { BaseError, type BaseErrorParameters } from "../common/errors.js";
import { PROBLEMS, type ProblemKind } from "./problems.js";

export type ApiErrorParameters = BaseErrorParameters & {
  /** For a bad parameter: its name and where it was, echoed in the problem body. */
  parameter?: string;
  in?: "path" | "query" | "header" | "body";
};

type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;

/** The code of each problem kind: `not-found` -> `API_NOT_FOUND`. */
export type ApiErrorCode = `API_${Uppercase<Snake<ProblemKind>>}`;

/** An error the API answers with a problem of a known kind (404, 409, a bad cursor, …). */
export class ApiError extends BaseError {
  override name = "ApiError";
  declare readonly code: ApiErrorCode;
  readonly kind: ProblemKind;
  readonly status: number;
  readonly parameter?: string;
  readonly in?: ApiErrorParameters["in"];

  constructor(kind: ProblemKind, detail: string, params: ApiErrorParameters = {}) {
    super(`API_${kind.toUpperCase().replaceAll("-", "_")}` as ApiErrorCode, detail, params);
    this.kind = kind;
    this.status = PROBLEMS[kind].status;
    this.parameter = params.parameter;
    this.in = params.in;
  }
}
