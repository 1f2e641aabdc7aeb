import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type OracleErrorCode =
  | "ORACLE_RPC_ERROR"
  | "ORACLE_REVERT"
  | "ORACLE_FEE_CAP_EXCEEDED"
  | "ORACLE_INSUFFICIENT_SIGNATURES"
  | "ORACLE_INVALID_REPORT"
  | "ORACLE_INVALID_SIGNATURE"
  | "ORACLE_TX_TIMEOUT"
  | "ORACLE_KEYSTORE"
  | "ORACLE_POSTER_KEY"
  | "ORACLE_INVALID_ARTIFACTS"
  | "ORACLE_ATTESTATION_REFUSED"
  | "ORACLE_ROLES"
  | "ORACLE_BEACON_CLOCK"
  | "ORACLE_SIGNATURE_REJECTED"
  | "ORACLE_NO_SIGNATURE"
  | "ORACLE_DEPLOY_FAILED";

/** Every error of the oracle (src/report, src/chain, src/attester, src/keystore). `retryable` is true for RPC/network failures, false for reverts and bad input. */
export class OracleError extends BaseError {
  override name = "OracleError";
  declare readonly code: OracleErrorCode;
  constructor(code: OracleErrorCode, shortMessage: string, params: BaseErrorParameters = {}) {
    super(code, shortMessage, params);
  }
}

/** The JSON-RPC node failed or could not be reached (timeouts, 5xx, dropped connections). */
export class OracleRpcError extends OracleError {
  override name = "OracleRpcError";
  constructor(shortMessage: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_RPC_ERROR", shortMessage, { ...params, retryable: true });
  }
}

/** The contract refused the call; `errorName` is the custom error (e.g. `EpochNotIncreasing`). */
export class OracleRevertError extends OracleError {
  override name = "OracleRevertError";
  readonly errorName?: string;
  readonly errorArgs?: readonly unknown[];
  constructor(
    shortMessage: string,
    params: Omit<BaseErrorParameters, "retryable"> & {
      errorName?: string;
      errorArgs?: readonly unknown[];
    } = {},
  ) {
    super("ORACLE_REVERT", shortMessage, {
      ...params,
      retryable: false,
      meta: { ...params.meta, errorName: params.errorName },
    });
    this.errorName = params.errorName;
    this.errorArgs = params.errorArgs;
  }
}

/** Network fees are above the configured cap; retrying later may succeed. */
export class FeeCapExceededError extends OracleError {
  override name = "FeeCapExceededError";
  constructor(baseFeePerGas: bigint, maxFeePerGas: bigint) {
    super("ORACLE_FEE_CAP_EXCEEDED", "Base fee is above the poster's fee cap", {
      details: `base fee ${baseFeePerGas} wei > cap ${maxFeePerGas} wei`,
      retryable: true,
      meta: { baseFeePerGas: baseFeePerGas.toString(), maxFeePerGas: maxFeePerGas.toString() },
    });
  }
}

/** Fewer valid attester signatures than the threshold arrived; attesters may answer later. */
export class InsufficientSignaturesError extends OracleError {
  override name = "InsufficientSignaturesError";
  constructor(
    collected: number,
    threshold: number,
    params: Omit<BaseErrorParameters, "retryable"> = {},
  ) {
    super(
      "ORACLE_INSUFFICIENT_SIGNATURES",
      `Collected ${collected} of ${threshold} required attester signatures`,
      {
        ...params,
        retryable: true,
        meta: { ...params.meta, collected, threshold },
      },
    );
  }
}

/** A report that can never be accepted (bad scores, range, sizes). */
export class InvalidReportError extends OracleError {
  override name = "InvalidReportError";
  constructor(shortMessage: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_INVALID_REPORT", shortMessage, { ...params, retryable: false });
  }
}

/** A signature that is malformed or not from an attester. */
export class InvalidSignatureError extends OracleError {
  override name = "InvalidSignatureError";
  constructor(shortMessage: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_INVALID_SIGNATURE", shortMessage, { ...params, retryable: false });
  }
}

/** The transaction was not mined (or not confirmed) in time; the poster can resume it later. */
export class TransactionTimeoutError extends OracleError {
  override name = "TransactionTimeoutError";
  constructor(txHash: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_TX_TIMEOUT", "Timed out waiting for the report transaction", {
      ...params,
      retryable: true,
      meta: { ...params.meta, txHash },
    });
  }
}

/** A keystore file that cannot be read or decrypted. The message never contains the password or key. */
export class KeystoreError extends OracleError {
  override name = "KeystoreError";
  constructor(shortMessage: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_KEYSTORE", shortMessage, { ...params, retryable: false });
  }
}

/** No usable poster key was configured. */
export class PosterKeyError extends OracleError {
  override name = "PosterKeyError";
  constructor(shortMessage: string) {
    super("ORACLE_POSTER_KEY", shortMessage, { retryable: false });
  }
}

/** Published report artifacts that contradict themselves (hashes, scores, model hash, inputs). */
export class InvalidArtifactsError extends OracleError {
  override name = "InvalidArtifactsError";
  constructor(shortMessage: string, params: Omit<BaseErrorParameters, "retryable"> = {}) {
    super("ORACLE_INVALID_ARTIFACTS", shortMessage, { ...params, retryable: false });
  }
}

/** Why an attester refuses to sign; `EPOCH_NOT_INGESTED` may succeed later, the others never. */
export type RefusalCode =
  | "WRONG_TARGET"
  | "PROOF_INVALID"
  | "REPORT_MISMATCH"
  | "INPUTS_MISMATCH"
  | "EPOCH_NOT_INGESTED"
  | "EPOCH_OFF_SCHEDULE"
  | "EPOCH_TOO_OLD"
  | "MODEL_NOT_ACCEPTED"
  | "CIRCUIT_NOT_PINNED"
  | "FEED_MISMATCH"
  | "VALIDITY_OUT_OF_WINDOW";

export class AttestationRefusedError extends OracleError {
  override name = "AttestationRefusedError";
  readonly refusal: RefusalCode;
  constructor(
    refusal: RefusalCode,
    shortMessage: string,
    params: Omit<BaseErrorParameters, "retryable"> = {},
  ) {
    super("ORACLE_ATTESTATION_REFUSED", shortMessage, {
      ...params,
      retryable: refusal === "EPOCH_NOT_INGESTED",
      meta: { ...params.meta, refusal },
    });
    this.refusal = refusal;
  }
}

/** A signature a source returned that the poster does not count: not an attester's, or a signer already counted. */
export class SignatureRejectedError extends OracleError {
  override name = "SignatureRejectedError";
  constructor(source: number, signer: string, reason: "unknown_signer" | "duplicate") {
    const why =
      reason === "unknown_signer"
        ? `signer ${signer} is not an attester`
        : `duplicate signer ${signer}`;
    super("ORACLE_SIGNATURE_REJECTED", `source ${source}: ${why}`, {
      retryable: false,
      meta: { source, signer, reason },
    });
  }
}

/**
 * An attester gave no signature: it refused (only `EPOCH_NOT_INGESTED` may pass later), or it was
 * unreachable or answered an error, which a later attempt may not meet.
 */
export class NoSignatureError extends OracleError {
  override name = "NoSignatureError";
  constructor(url: string, answer: { refusal?: string; error?: string }) {
    const message = `attester ${url}: ${answer.refusal ? `refused (${answer.refusal}) ` : ""}${answer.error ?? "no signature"}`;
    const retryable = answer.refusal === undefined || answer.refusal === "EPOCH_NOT_INGESTED";
    super("ORACLE_NO_SIGNATURE", message, { retryable, meta: { url, refusal: answer.refusal } });
  }
}
