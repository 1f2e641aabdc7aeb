import { MAX_SCORE_BPS, SCORES_PER_WORD } from "./constants.js";
import { InvalidReportError } from "./errors.js";

/** Packs basis-point scores 14 per word (lane i = bits 16i..16i+15), the layout RiskOracle stores. */
export function packScores(scoresBps: readonly number[]): bigint[] {
  const words: bigint[] = [];
  for (let i = 0; i < scoresBps.length; i++) {
    const s = scoresBps[i];
    if (!Number.isInteger(s) || s < 0 || s > MAX_SCORE_BPS) {
      throw new InvalidReportError("Score out of range", { details: `score #${i} is ${s}; scores are integers 0..${MAX_SCORE_BPS} bps` });
    }
    const w = Math.floor(i / SCORES_PER_WORD);
    words[w] = (words[w] ?? 0n) | (BigInt(s) << BigInt(16 * (i % SCORES_PER_WORD)));
  }
  return words;
}
