import { MAX_SCORE_BPS, NO_DATA_SCORE, SCORES_PER_WORD } from "./constants.js";
import { InvalidReportError } from "./errors.js";

/**
 * Packs scores (expected 30-day loss, bp of stake, 0..MAX_SCORE_BPS) 14 per word (lane i = bits 16i..16i+15), the layout RiskOracle stores.
 * `null` is a feed without a score at the epoch: it is packed as `NO_DATA_SCORE`, so the report
 * still covers it (and every feed after it) and readers see "no data" rather than an old score.
 */
export function packScores(scoresBps: readonly (number | null)[]): bigint[] {
  const words: bigint[] = [];
  for (let i = 0; i < scoresBps.length; i++) {
    const s = scoresBps[i] ?? NO_DATA_SCORE;
    if (!Number.isInteger(s) || s < 0 || (s > MAX_SCORE_BPS && s !== NO_DATA_SCORE)) {
      throw new InvalidReportError("Score out of range", {
        details: `score #${i} is ${s}; scores are integers 0..${MAX_SCORE_BPS} bp of stake`,
      });
    }
    const w = Math.floor(i / SCORES_PER_WORD);
    words[w] = (words[w] ?? 0n) | (BigInt(s) << BigInt(16 * (i % SCORES_PER_WORD)));
  }
  return words;
}
