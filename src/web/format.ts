import { GRADE_BANDS } from "../scoring/riskGrade.js";

/** Display formats shared by the pages. */
export const formatBps = (bps: number | null | undefined): string =>
  bps === null || bps === undefined ? "—" : `${bps} bps (${(bps / 100).toFixed(2)} %)`;
export const formatEth = (gwei: number): string =>
  `${(gwei / 1e9).toLocaleString("en", { maximumFractionDigits: 2 })} ETH`;
export const formatTime = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso)
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
    : "—";
export const shortHex = (hex: string | null | undefined, keep = 10): string =>
  !hex ? "—" : hex.length <= 2 * keep + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep + 2)}`;

/**
 * What a grade means, from the bands of src/scoring/riskGrade.ts (the grade is a band of the
 * score: the expected loss over the next 30 days in basis points of stake).
 */
export function gradeMeaning(grade: string): string {
  const index = GRADE_BANDS.findIndex((band) => band.grade === grade);
  if (index < 0) return "an unknown grade";
  const lower = index === 0 ? 0 : GRADE_BANDS[index - 1].belowBps;
  const upper = GRADE_BANDS[index].belowBps;
  const range = upper === Infinity ? `${lower} bp or more` : `${lower} bp to under ${upper} bp`;
  return `an expected loss over the next 30 days of ${range} of stake (${WORDS[index]})`;
}

const WORDS = [
  "minimal risk",
  "very low risk",
  "low risk",
  "moderate risk",
  "elevated risk",
  "high risk",
  "very high risk",
  "severe risk",
];
