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
 * What a grade means, from the bands of src/scoring/riskGrade.ts: the grade is a band of the
 * model's probability of a severe loss event within 30 days, which orders operators more finely
 * than the integer bp of expected loss that the score posts (most healthy operators post 0–1 bp).
 */
export function gradeMeaning(grade: string): string {
  const index = GRADE_BANDS.findIndex((band) => band.grade === grade);
  if (index < 0) return "an unknown grade";
  const lower = index === 0 ? 0 : GRADE_BANDS[index - 1].belowBps;
  const upper = GRADE_BANDS[index].belowBps;
  const range =
    upper === Infinity ? `${lower / 100} % or more` : `${lower / 100} % to under ${upper / 100} %`;
  return `${range} probability of a severe loss event within 30 days (${WORDS[index]})`;
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
