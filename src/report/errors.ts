import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The fields each code carries in `meta`; codes without fields say it all in message and details. */
export type OracleErrorMeta = {
  ORACLE_RPC_ERROR: Record<string, never>;
  /** The contract's custom error, when it was decoded. */
  ORACLE_REVERT: { errorName?: string };
  /** Both in wei, as decimal strings. */
  ORACLE_FEE_CAP_EXCEEDED: { baseFeePerGas: string; maxFeePerGas: string };
  ORACLE_INSUFFICIENT_SIGNATURES: { collected: number; threshold: number };
  ORACLE_INVALID_REPORT: Record<string, never>;
  ORACLE_INVALID_SIGNATURE: Record<string, never>;
  ORACLE_TX_TIMEOUT: { txHash: string };
  ORACLE_KEYSTORE: Record<string, never>;
  ORACLE_POSTER_KEY: Record<string, never>;
  ORACLE_INVALID_ARTIFACTS: Record<string, never>;
  ORACLE_ATTESTATION_REFUSED: { refusal: RefusalCode };
  ORACLE_ROLES: Record<string, never>;
  ORACLE_BEACON_CLOCK: Record<string, never>;
  /** The source's index among the attesters asked, and the signer it returned. */
  ORACLE_SIGNATURE_REJECTED: {
    source: number;
    signer: string;
    reason: "unknown_signer" | "duplicate";
  };
  /** The attester's URL and its refusal code, when it refused. */
  ORACLE_NO_SIGNATURE: { url: string; refusal?: string };
  /** The reverted deployment's tx hash, or the verifier's deployed and pinned addresses. */
  ORACLE_DEPLOY_FAILED: {
    hash?: string;
    verifier?: string;
    expectedVerifier?: string;
    oracle?: string;
  };
  /** A delayed admin change that cannot be executed or cancelled; readyAt in unix seconds. */
  ORACLE_ADMIN_CHANGE: {
    changeId: string;
    reason: "not_scheduled" | "not_ready" | "invalid";
    readyAt?: number;
  };
};

export type OracleErrorCode = keyof OracleErrorMeta;

/** The parameters of a subclass whose code fixes `retryable`. */
type OracleParameters<C extends OracleErrorCode> = Omit<
  BaseErrorParameters<OracleErrorMeta[C]>,
  "retryable"
>;

/** The same for a subclass that sets its code's meta fields itself (a caller's are overwritten). */
type OracleMetaParameters<C extends OracleErrorCode> = Omit<
  BaseErrorParameters<Partial<OracleErrorMeta[C]>>,
  "retryable"
>;

/** Every error of the oracle (src/report, src/chain, src/attester, src/keystore). `retryable` is true for RPC/network failures, false for reverts and bad input. */
export class OracleError<C extends OracleErrorCode = OracleErrorCode> extends BaseError<
  OracleErrorMeta[C]
> {
  override name = "OracleError";
  declare readonly code: C;
  constructor(code: C, shortMessage: string, params: BaseErrorParameters<OracleErrorMeta[C]> = {}) {
    super(code, shortMessage, params);
  }
}

/** The JSON-RPC node failed or could not be reached (timeouts, 5xx, dropped connections). */
export class OracleRpcError extends OracleError<"ORACLE_RPC_ERROR"> {
  override name = "OracleRpcError";
  constructor(shortMessage: string, params: OracleParameters<"ORACLE_RPC_ERROR"> = {}) {
    super("ORACLE_RPC_ERROR", shortMessage, { ...params, retryable: true });
  }
}

/** The contract refused the call; `errorName` is the custom error (e.g. `EpochNotIncreasing`). */
export class OracleRevertError extends OracleError<"ORACLE_REVERT"> {
  override name = "OracleRevertError";
  readonly errorName?: string;
  readonly errorArgs?: readonly unknown[];
  constructor(
    shortMessage: string,
    params: OracleMetaParameters<"ORACLE_REVERT"> & {
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
export class FeeCapExceededError extends OracleError<"ORACLE_FEE_CAP_EXCEEDED"> {
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
export class InsufficientSignaturesError extends OracleError<"ORACLE_INSUFFICIENT_SIGNATURES"> {
  override name = "InsufficientSignaturesError";
  constructor(
    collected: number,
    threshold: number,
    params: OracleMetaParameters<"ORACLE_INSUFFICIENT_SIGNATURES"> = {},
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
export class InvalidReportError extends OracleError<"ORACLE_INVALID_REPORT"> {
  override name = "InvalidReportError";
  constructor(shortMessage: string, params: OracleParameters<"ORACLE_INVALID_REPORT"> = {}) {
    super("ORACLE_INVALID_REPORT", shortMessage, { ...params, retryable: false });
  }
}

/** A signature that is malformed or not from an attester. */
export class InvalidSignatureError extends OracleError<"ORACLE_INVALID_SIGNATURE"> {
  override name = "InvalidSignatureError";
  constructor(shortMessage: string, params: OracleParameters<"ORACLE_INVALID_SIGNATURE"> = {}) {
    super("ORACLE_INVALID_SIGNATURE", shortMessage, { ...params, retryable: false });
  }
}

/** The transaction was not mined (or not confirmed) in time; the poster can resume it later. */
export class TransactionTimeoutError extends OracleError<"ORACLE_TX_TIMEOUT"> {
  override name = "TransactionTimeoutError";
  constructor(txHash: string, params: OracleMetaParameters<"ORACLE_TX_TIMEOUT"> = {}) {
    super("ORACLE_TX_TIMEOUT", "Timed out waiting for the report transaction", {
      ...params,
      retryable: true,
      meta: { ...params.meta, txHash },
    });
  }
}

/** A keystore file that cannot be read or decrypted. The message never contains the password or key. */
export class KeystoreError extends OracleError<"ORACLE_KEYSTORE"> {
  override name = "KeystoreError";
  constructor(shortMessage: string, params: OracleParameters<"ORACLE_KEYSTORE"> = {}) {
    super("ORACLE_KEYSTORE", shortMessage, { ...params, retryable: false });
  }
}

/** No usable poster key was configured. */
export class PosterKeyError extends OracleError<"ORACLE_POSTER_KEY"> {
  override name = "PosterKeyError";
  constructor(shortMessage: string) {
    super("ORACLE_POSTER_KEY", shortMessage, { retryable: false });
  }
}

/** Published report artifacts that contradict themselves (hashes, scores, model hash, inputs). */
export class InvalidArtifactsError extends OracleError<"ORACLE_INVALID_ARTIFACTS"> {
  override name = "InvalidArtifactsError";
  constructor(shortMessage: string, params: OracleParameters<"ORACLE_INVALID_ARTIFACTS"> = {}) {
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

export class AttestationRefusedError extends OracleError<"ORACLE_ATTESTATION_REFUSED"> {
  override name = "AttestationRefusedError";
  readonly refusal: RefusalCode;
  constructor(
    refusal: RefusalCode,
    shortMessage: string,
    params: OracleMetaParameters<"ORACLE_ATTESTATION_REFUSED"> = {},
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
export class SignatureRejectedError extends OracleError<"ORACLE_SIGNATURE_REJECTED"> {
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
export class NoSignatureError extends OracleError<"ORACLE_NO_SIGNATURE"> {
  override name = "NoSignatureError";
  constructor(url: string, answer: { refusal?: string; error?: string }) {
    const message = `attester ${url}: ${answer.refusal ? `refused (${answer.refusal}) ` : ""}${answer.error ?? "no signature"}`;
    const retryable = answer.refusal === undefined || answer.refusal === "EPOCH_NOT_INGESTED";
    super("ORACLE_NO_SIGNATURE", message, { retryable, meta: { url, refusal: answer.refusal } });
  }
}
