import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** The native ezkl step that raised an exception, with the process's peak memory. */
type NativeStep = { op: string; kind: string; peakRssMb: number };

/** The fields each code carries in `meta`; codes without fields say it all in message and details. */
export type ProvingErrorMeta = {
  PROVING_BINCODE: Record<string, never>;
  PROVING_UNSUPPORTED_MODEL: Record<string, never>;
  PROVING_CALIBRATION: Record<string, never>;
  PROVING_CIRCUIT_TOO_LARGE: /** calibration: the rows needed exceed the configured ceiling */
    | { needed: number; maxLogrows: number; batchSize: number }
    /** the WASM engine ran out of its 4 GiB */
    | { code?: string; engineMemoryBytes?: number }
    /** native ezkl passed the memory limit and was stopped */
    | { op: string; rssMb: number; maxRssMb?: number };
  PROVING_SRS_CORRUPT: Record<string, never>;
  /** The SRS file's k and the k the circuit needs. */
  PROVING_SRS_WRONG_K: { fileK: number; k: number };
  PROVING_SRS_INSECURE: Record<string, never>;
  /** Set when native ezkl could not use the key. */
  PROVING_KEY_CORRUPT: NativeStep;
  PROVING_PROOF_CORRUPT: Record<string, never>;
  /** Set when native ezkl's verify step refused the proof. */
  PROVING_PROOF_INVALID: NativeStep;
  PROVING_MODEL_HASH_MISMATCH: Record<string, never>;
  PROVING_INPUT_MISMATCH: Record<string, never>;
  PROVING_INVALID_INPUT: Record<string, never>;
  PROVING_PROVER_FAILED: /** the WASM engine reported an error */
    | { code?: string }
    /** native ezkl raised an exception in a step */
    | NativeStep
    /** native ezkl ended without a result (killed or crashed) */
    | { op: string; exitCode: number | null; exitSignal: string | null };
  PROVING_CIRCUIT_FILES: Record<string, never>;
  PROVING_NATIVE_UNAVAILABLE: Record<string, never>;
};

export type ProvingErrorCode = keyof ProvingErrorMeta;

/**
 * Every coded error of the proving module. Corrupt or mismatched artifacts are never retryable:
 * proving the same bytes again cannot succeed. Only a crashed worker (e.g. out of memory under
 * load) is marked retryable.
 */
export class ProvingError<C extends ProvingErrorCode = ProvingErrorCode> extends BaseError<
  ProvingErrorMeta[C]
> {
  override name = "ProvingError";
  declare readonly code: C;
  constructor(
    code: C,
    shortMessage: string,
    params: BaseErrorParameters<ProvingErrorMeta[C]> = {},
  ) {
    super(code, shortMessage, params);
  }
}

/** The parameters of a subclass whose code is never retryable. */
type P<C extends ProvingErrorCode> = Omit<BaseErrorParameters<ProvingErrorMeta[C]>, "retryable">;

/** Bytes that do not decode as the bincode structure they claim to be. */
export class BincodeError extends ProvingError<"PROVING_BINCODE"> {
  override name = "BincodeError";
  constructor(shortMessage: string, params: P<"PROVING_BINCODE"> = {}) {
    super("PROVING_BINCODE", shortMessage, params);
  }
}

/** The ONNX graph uses an operator, shape or attribute the circuit compiler does not support. */
export class UnsupportedModelError extends ProvingError<"PROVING_UNSUPPORTED_MODEL"> {
  override name = "UnsupportedModelError";
  constructor(shortMessage: string, params: P<"PROVING_UNSUPPORTED_MODEL"> = {}) {
    super("PROVING_UNSUPPORTED_MODEL", shortMessage, params);
  }
}

/** Calibration could not find settings that fit (values out of range, circuit too large). */
export class CalibrationError extends ProvingError<"PROVING_CALIBRATION"> {
  override name = "CalibrationError";
  constructor(shortMessage: string, params: P<"PROVING_CALIBRATION"> = {}) {
    super("PROVING_CALIBRATION", shortMessage, params);
  }
}

/** The circuit needs more rows than the configured ceiling (memory bound of the 32-bit engine). */
export class CircuitTooLargeError extends ProvingError<"PROVING_CIRCUIT_TOO_LARGE"> {
  override name = "CircuitTooLargeError";
  constructor(shortMessage: string, params: P<"PROVING_CIRCUIT_TOO_LARGE"> = {}) {
    super("PROVING_CIRCUIT_TOO_LARGE", shortMessage, params);
  }
}

/** An SRS file is missing, truncated or not made of valid curve points. */
export class SrsCorruptError extends ProvingError<"PROVING_SRS_CORRUPT"> {
  override name = "SrsCorruptError";
  constructor(shortMessage: string, params: P<"PROVING_SRS_CORRUPT"> = {}) {
    super("PROVING_SRS_CORRUPT", shortMessage, params);
  }
}

/** The SRS has a different k (log2 size) than the circuit needs. */
export class SrsDegreeMismatchError extends ProvingError<"PROVING_SRS_WRONG_K"> {
  override name = "SrsDegreeMismatchError";
  constructor(shortMessage: string, params: P<"PROVING_SRS_WRONG_K"> = {}) {
    super("PROVING_SRS_WRONG_K", shortMessage, params);
  }
}

/** A development SRS (known secret, anyone can forge proofs) was offered in production. */
export class InsecureSrsError extends ProvingError<"PROVING_SRS_INSECURE"> {
  override name = "InsecureSrsError";
  constructor(shortMessage: string, params: P<"PROVING_SRS_INSECURE"> = {}) {
    super("PROVING_SRS_INSECURE", shortMessage, params);
  }
}

/** A verifying or proving key that the engine cannot read or that belongs to another circuit. */
export class KeyCorruptError extends ProvingError<"PROVING_KEY_CORRUPT"> {
  override name = "KeyCorruptError";
  constructor(shortMessage: string, params: P<"PROVING_KEY_CORRUPT"> = {}) {
    super("PROVING_KEY_CORRUPT", shortMessage, params);
  }
}

/** A proof file that is not a readable ezkl proof. */
export class ProofCorruptError extends ProvingError<"PROVING_PROOF_CORRUPT"> {
  override name = "ProofCorruptError";
  constructor(shortMessage: string, params: P<"PROVING_PROOF_CORRUPT"> = {}) {
    super("PROVING_PROOF_CORRUPT", shortMessage, params);
  }
}

/** A well-formed proof that does not verify (tampered instances, or another circuit's vk). */
export class ProofInvalidError extends ProvingError<"PROVING_PROOF_INVALID"> {
  override name = "ProofInvalidError";
  constructor(shortMessage: string, params: P<"PROVING_PROOF_INVALID"> = {}) {
    super("PROVING_PROOF_INVALID", shortMessage, params);
  }
}

/** The proof's model hash is not the one the caller accepts. */
export class ModelHashMismatchError extends ProvingError<"PROVING_MODEL_HASH_MISMATCH"> {
  override name = "ModelHashMismatchError";
  constructor(shortMessage: string, params: P<"PROVING_MODEL_HASH_MISMATCH"> = {}) {
    super("PROVING_MODEL_HASH_MISMATCH", shortMessage, params);
  }
}

/** The published feature vectors do not hash to the input commitment in the proof. */
export class InputCommitmentMismatchError extends ProvingError<"PROVING_INPUT_MISMATCH"> {
  override name = "InputCommitmentMismatchError";
  constructor(shortMessage: string, params: P<"PROVING_INPUT_MISMATCH"> = {}) {
    super("PROVING_INPUT_MISMATCH", shortMessage, params);
  }
}

/** Arguments that do not fit the circuit (wrong feature count, too many operators, bad settings). */
export class InvalidProvingInputError extends ProvingError<"PROVING_INVALID_INPUT"> {
  override name = "InvalidProvingInputError";
  constructor(shortMessage: string, params: P<"PROVING_INVALID_INPUT"> = {}) {
    super("PROVING_INVALID_INPUT", shortMessage, params);
  }
}

/** The engine failed inside the prover worker; a crash (e.g. memory) may pass on a retry. */
export class ProverFailedError extends ProvingError<"PROVING_PROVER_FAILED"> {
  override name = "ProverFailedError";
  constructor(
    shortMessage: string,
    params: BaseErrorParameters<ProvingErrorMeta["PROVING_PROVER_FAILED"]> = {},
  ) {
    super("PROVING_PROVER_FAILED", shortMessage, params);
  }
}

/** The circuit files in circuits/ are missing, damaged, or were built from another model file. */
export class CircuitFilesError extends ProvingError<"PROVING_CIRCUIT_FILES"> {
  override name = "CircuitFilesError";
  constructor(shortMessage: string, params: P<"PROVING_CIRCUIT_FILES"> = {}) {
    super("PROVING_CIRCUIT_FILES", shortMessage, params);
  }
}

/**
 * PROVER=native, but the project's Python environment with ezkl is missing. Not retryable: run
 * `bash scripts/ensure-python.sh` (npm test / npm run demo do), or choose PROVER=wasm explicitly.
 */
export class NativeProverUnavailableError extends ProvingError<"PROVING_NATIVE_UNAVAILABLE"> {
  override name = "NativeProverUnavailableError";
  constructor(shortMessage: string, params: P<"PROVING_NATIVE_UNAVAILABLE"> = {}) {
    super("PROVING_NATIVE_UNAVAILABLE", shortMessage, params);
  }
}
