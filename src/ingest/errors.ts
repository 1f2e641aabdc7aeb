import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type IngestErrorCode =
  | "INGEST_NOT_FINALIZED"
  | "INGEST_INCONSISTENT_RESPONSE"
  | "INGEST_INVALID_RANGE"
  | "INGEST_NODE_CANNOT_SERVE"
  | "INGEST_STAGED_CORRUPT";

export class IngestError extends BaseError {
  override name = "IngestError";
  declare readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, shortMessage: string, params: BaseErrorParameters = {}) {
    super(code, shortMessage, params);
  }
}
