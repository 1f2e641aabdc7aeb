import type { Address, Hex } from "viem";

/**
 * A report, exactly as RiskOracle's `Report` struct and the EIP-712 `Report` type.
 * It covers the feed indices `[14 * firstWord, 14 * firstWord + feedCount)`.
 */
export type Report = {
  /** Beacon-chain epoch the scores were computed at; must exceed the epoch of the words' previous report. */
  epoch: bigint;
  /** Unix time (seconds) after which RiskOracle refuses the report: signatures are public, so a signed report must not stay postable forever. */
  validUntil: bigint;
  /** First storage word covered (first feed index / 14). */
  firstWord: number;
  /** Number of consecutive feeds covered. */
  feedCount: number;
  /** Poseidon hash of the model parameters (BN254 field element as 32 bytes); must be accepted on-chain. */
  modelHash: Hex;
  /** Poseidon commitment to the proof's inputs (BN254 field element). */
  inputCommitment: bigint;
  /** keccak256 of the proof bytes, or 32 zero bytes when no proof is carried. */
  proofHash: Hex;
  /** Scores packed 14 × uint16 per word (lane i = bits 16i..16i+15), top 32 bits zero; `NO_DATA_SCORE` in a lane: no score at this epoch. */
  scoreWords: readonly bigint[];
};

/** Where a report is posted: the EIP-712 domain is ("RiskOracle", "1", chainId, oracle). */
export type ReportTarget = {
  chainId: number;
  oracle: Address;
};

/** What RiskOracle stores per accepted report (`getReport`). */
export type ReportHeader = {
  epoch: bigint;
  postedAt: bigint;
  firstWord: number;
  feedCount: number;
  modelHash: Hex;
  inputCommitment: bigint;
  proofHash: Hex;
};
