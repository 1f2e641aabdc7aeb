import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`, for logs and for callers that branch on them. */
export type DbErrorMeta = {
  /** A day of the CSM window whose counted epochs are not the epochs stored for it. */
  DB_VALIDATOR_DAYS_INCOMPLETE: { day: number; counted: number; ingested: number };
  /** The scored epoch carries no validator → operator attribution (ingested before it was stored). */
  DB_EPOCH_ATTRIBUTION_MISSING: { epoch: number };
};

export type DbErrorCode = keyof DbErrorMeta;

/** Stored data that cannot answer a read as it must; never retryable (the rows stay as they are). */
export class DbError<C extends DbErrorCode = DbErrorCode> extends BaseError<DbErrorMeta[C]> {
  override name = "DbError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, params: BaseErrorParameters<DbErrorMeta[C]> = {}) {
    super(code, shortMessage, { ...params, retryable: false });
  }
}
