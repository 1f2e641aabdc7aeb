/**
 * Grade bands on the 30-day severe-loss probability in basis points (upper bounds exclusive).
 * Roughly a factor of two per band, like credit ratings' default-rate ladder.
 */
export const GRADE_BANDS = [
  { grade: "AAA", belowBps: 50 },
  { grade: "AA", belowBps: 100 },
  { grade: "A", belowBps: 200 },
  { grade: "BBB", belowBps: 400 },
  { grade: "BB", belowBps: 800 },
  { grade: "B", belowBps: 1600 },
  { grade: "CCC", belowBps: 3200 },
  { grade: "D", belowBps: Infinity },
] as const;

export type RiskGrade = (typeof GRADE_BANDS)[number]["grade"];

export function riskGrade(scoreBps: number): RiskGrade {
  return GRADE_BANDS.find((b) => scoreBps < b.belowBps)!.grade;
}
