import { keccak256, numberToHex, type Hex } from "viem";
import { SCORES_PER_WORD } from "./constants.js";
import { InvalidReportError } from "./errors.js";
import { packScores } from "./packScores.js";
import type { Report } from "./types.js";

export type BuildReportParameters = {
  epoch: bigint | number;
  /** Unix time (seconds) after which the report may not be posted. */
  validUntil: bigint | number;
  /** Index of the first feed (a multiple of 14); default 0. */
  firstFeedIndex?: number;
  /** Scores in basis points for feeds firstFeedIndex, firstFeedIndex + 1, ...; null: no score at this epoch. */
  scoresBps: readonly (number | null)[];
  /** Poseidon hash of the model parameters, as a field element or 32-byte hex. */
  modelHash: bigint | Hex;
  inputCommitment: bigint;
  /** The proof bytes (hashed here) or, when already known, `proofHash`. Neither: zero hash. */
  proof?: Hex;
  proofHash?: Hex;
};

const ZERO_HASH = `0x${"00".repeat(32)}` as const;

/** Builds a `Report`: checks the range and scores and packs them 14 per word. */
export function buildReport(p: BuildReportParameters): Report {
  const first = p.firstFeedIndex ?? 0;
  if (!Number.isInteger(first) || first < 0 || first % SCORES_PER_WORD !== 0) {
    throw new InvalidReportError("Report must start at a word boundary", {
      details: `firstFeedIndex ${first} is not a multiple of ${SCORES_PER_WORD}`,
    });
  }
  if (p.scoresBps.length === 0) throw new InvalidReportError("Report has no scores");
  const epoch = BigInt(p.epoch);
  if (epoch < 0n || epoch >= 1n << 64n) throw new InvalidReportError("Epoch out of uint64 range");
  const validUntil = BigInt(p.validUntil);
  if (validUntil < 0n || validUntil >= 1n << 64n)
    throw new InvalidReportError("validUntil out of uint64 range");
  const modelHash =
    typeof p.modelHash === "bigint" ? numberToHex(p.modelHash, { size: 32 }) : p.modelHash;
  if (!/^0x[0-9a-fA-F]{64}$/.test(modelHash))
    throw new InvalidReportError("Model hash must be 32 bytes");
  if (p.proof !== undefined && p.proofHash !== undefined && keccak256(p.proof) !== p.proofHash) {
    throw new InvalidReportError("proofHash does not match proof");
  }
  return {
    epoch,
    validUntil,
    firstWord: first / SCORES_PER_WORD,
    feedCount: p.scoresBps.length,
    modelHash,
    inputCommitment: p.inputCommitment,
    proofHash: p.proof !== undefined ? keccak256(p.proof) : (p.proofHash ?? ZERO_HASH),
    scoreWords: packScores(p.scoresBps),
  };
}
