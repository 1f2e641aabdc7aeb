import { OUTPUT_UNIT_BPS } from "../onnx/index.js";

/** Scores per storage word of RiskOracle (14 × uint16; the top 32 bits hold the report id). */
export const SCORES_PER_WORD = 14;
/**
 * Largest valid score: a score is the expected 30-day loss in basis points of stake, and a proven
 * output of exactly 1.0 stands for this many: the model's output unit (RiskOracle.MAX_SCORE_BPS).
 */
export const MAX_SCORE_BPS = OUTPUT_UNIT_BPS;
/** Lane value of a covered feed without a score at the report's epoch (RiskOracle.NO_DATA_SCORE): readers get no answer for it. */
export const NO_DATA_SCORE = 0xffff;
/**
 * Public instance layout of our EZKL circuits (ezkl v21 puts the input hash before the parameter
 * hash): [inputCommitment, modelHash, out_0, ..., out_{B-1}], B = the circuit's batch size.
 */
export const INPUT_COMMITMENT_INSTANCE = 0;
export const MODEL_HASH_INSTANCE = 1;
/** Public instances before the outputs (input commitment, model hash). */
export const OUTPUT_INSTANCE_OFFSET = 2;
/** BN254 scalar field modulus: every public instance is below it. */
export const FIELD_MODULUS = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n;
/** Signatures are 65 bytes: r ‖ s ‖ v with v ∈ {27, 28}. */
export const SIGNATURE_LENGTH = 65;
