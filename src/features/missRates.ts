import type { WindowSummary } from "./types.js";

export type MissRatesReturnType = { head: number; target: number; source: number } | undefined;

/** Head/target/source flags missed per attestation duty over the window; undefined without duties. */
export function missRates(summary: WindowSummary): MissRatesReturnType {
  const a = summary.attestations;
  if (a.duties <= 0) return undefined;
  return {
    head: a.headMisses / a.duties,
    target: a.targetMisses / a.duties,
    source: a.sourceMisses / a.duties,
  };
}
