import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/**
 * Coded errors of the proving module. Corrupt or mismatched artifacts are never retryable:
 * proving the same bytes again cannot succeed. Only a crashed worker (e.g. out of memory under
 * load) is marked retryable.
 */
type P<Meta extends object = Record<string, unknown>> = Omit<
  BaseErrorParameters<Meta>,
  "retryable"
>;

/** Bytes that do not decode as the bincode structure they claim to be. */
export class BincodeError extends BaseError {
  override name = "BincodeError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_BINCODE", shortMessage, params);
  }
}

/** The ONNX graph uses an operator, shape or attribute the circuit compiler does not support. */
export class UnsupportedModelError extends BaseError {
  override name = "UnsupportedModelError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_UNSUPPORTED_MODEL", shortMessage, params);
  }
}

/** Calibration could not find settings that fit (values out of range, circuit too large). */
export class CalibrationError extends BaseError {
  override name = "CalibrationError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_CALIBRATION", shortMessage, params);
  }
}

/** The circuit needs more rows than the configured ceiling (memory bound of the 32-bit engine). */
export type CircuitTooLargeMeta =
  /** calibration: the rows needed exceed the configured ceiling */
  | { needed: number; maxLogrows: number; batchSize: number }
  /** the WASM engine ran out of its 4 GiB */
  | { code?: string; engineMemoryBytes?: number }
  /** native ezkl passed the memory limit and was stopped */
  | { op: string; rssMb: number; maxRssMb?: number };

export class CircuitTooLargeError extends BaseError<CircuitTooLargeMeta> {
  override name = "CircuitTooLargeError";
  constructor(shortMessage: string, params: P<CircuitTooLargeMeta> = {}) {
    super("PROVING_CIRCUIT_TOO_LARGE", shortMessage, params);
  }
}

/** An SRS file is missing, truncated or not made of valid curve points. */
export class SrsCorruptError extends BaseError {
  override name = "SrsCorruptError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_SRS_CORRUPT", shortMessage, params);
  }
}

/** The SRS has a different k (log2 size) than the circuit needs. */
export class SrsDegreeMismatchError extends BaseError<{ fileK: number; k: number }> {
  override name = "SrsDegreeMismatchError";
  constructor(shortMessage: string, params: P<{ fileK: number; k: number }> = {}) {
    super("PROVING_SRS_WRONG_K", shortMessage, params);
  }
}

/** A development SRS (known secret, anyone can forge proofs) was offered in production. */
export class InsecureSrsError extends BaseError {
  override name = "InsecureSrsError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_SRS_INSECURE", shortMessage, params);
  }
}

/** A verifying or proving key that the engine cannot read or that belongs to another circuit. */
export class KeyCorruptError extends BaseError {
  override name = "KeyCorruptError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_KEY_CORRUPT", shortMessage, params);
  }
}

/** A proof file that is not a readable ezkl proof. */
export class ProofCorruptError extends BaseError {
  override name = "ProofCorruptError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_PROOF_CORRUPT", shortMessage, params);
  }
}

/** A well-formed proof that does not verify (tampered instances, or another circuit's vk). */
export class ProofInvalidError extends BaseError {
  override name = "ProofInvalidError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_PROOF_INVALID", shortMessage, params);
  }
}

/** The proof's model hash is not the one the caller accepts. */
export class ModelHashMismatchError extends BaseError {
  override name = "ModelHashMismatchError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_MODEL_HASH_MISMATCH", shortMessage, params);
  }
}

/** The published feature vectors do not hash to the input commitment in the proof. */
export class InputCommitmentMismatchError extends BaseError {
  override name = "InputCommitmentMismatchError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_INPUT_MISMATCH", shortMessage, params);
  }
}

/** Arguments that do not fit the circuit (wrong feature count, too many operators, bad settings). */
export class InvalidProvingInputError extends BaseError {
  override name = "InvalidProvingInputError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_INVALID_INPUT", shortMessage, params);
  }
}

/** The engine failed inside the prover worker; a crash (e.g. memory) may pass on a retry. */
export type ProverFailedMeta =
  /** the WASM engine reported an error */
  | { code?: string }
  /** native ezkl raised an exception in a step */
  | { op: string; kind: string; peakRssMb: number }
  /** native ezkl ended without a result (killed or crashed) */
  | { op: string; exitCode: number | null; exitSignal: string | null };

export class ProverFailedError extends BaseError<ProverFailedMeta> {
  override name = "ProverFailedError";
  constructor(shortMessage: string, params: BaseErrorParameters<ProverFailedMeta> = {}) {
    super("PROVING_PROVER_FAILED", shortMessage, params);
  }
}

/** The circuit files in circuits/ are missing, damaged, or were built from another model file. */
export class CircuitFilesError extends BaseError {
  override name = "CircuitFilesError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_CIRCUIT_FILES", shortMessage, params);
  }
}

/**
 * PROVER=native, but the project's Python environment with ezkl is missing. Not retryable: run
 * `bash scripts/ensure-python.sh` (npm test / npm run demo do), or choose PROVER=wasm explicitly.
 */
export class NativeProverUnavailableError extends BaseError {
  override name = "NativeProverUnavailableError";
  constructor(shortMessage: string, params: P = {}) {
    super("PROVING_NATIVE_UNAVAILABLE", shortMessage, params);
  }
}
