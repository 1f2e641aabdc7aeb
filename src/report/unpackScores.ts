import { SCORES_PER_WORD } from "./constants.js";

export type UnpackScoresParameters = {
  scoreWords: readonly bigint[];
  /** Number of scores to read (a report's `feedCount`). */
  count: number;
};

/** The basis-point scores packed in score words (inverse of `packScores`). */
export function unpackScores({ scoreWords, count }: UnpackScoresParameters): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const word = scoreWords[Math.floor(i / SCORES_PER_WORD)] ?? 0n;
    out.push(Number((word >> BigInt(16 * (i % SCORES_PER_WORD))) & 0xffffn));
  }
  return out;
}
