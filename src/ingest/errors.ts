import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`: none yet, the message and details say it all. */
export type IngestErrorMeta = {
  /** The epoch is past the finalized checkpoint; retryable once it is final. */
  INGEST_NOT_FINALIZED: Record<string, never>;
  INGEST_INCONSISTENT_RESPONSE: Record<string, never>;
  INGEST_INVALID_RANGE: Record<string, never>;
  /** The node does not serve a route ingesting needs (not an archive node). */
  INGEST_NODE_CANNOT_SERVE: Record<string, never>;
  /** Staged rows that do not match the staged head; they are discarded and read again. */
  INGEST_STAGED_CORRUPT: Record<string, never>;
};

export type IngestErrorCode = keyof IngestErrorMeta;

export class IngestError<C extends IngestErrorCode = IngestErrorCode> extends BaseError<
  IngestErrorMeta[C]
> {
  override name = "IngestError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, params: BaseErrorParameters<IngestErrorMeta[C]> = {}) {
    super(code, shortMessage, params);
  }
}
