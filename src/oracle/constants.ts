/** Scores per storage word of RiskOracle (14 × uint16; the top 32 bits hold the report id). */
export const SCORES_PER_WORD = 14;
/** Largest valid score in basis points (probability 1). */
export const MAX_SCORE_BPS = 10_000;
/** Public instances before the outputs: [modelHash, inputCommitment, out_0, ...]. */
export const OUTPUT_INSTANCE_OFFSET = 2;
/** Signatures are 65 bytes: r ‖ s ‖ v with v ∈ {27, 28}. */
export const SIGNATURE_LENGTH = 65;
