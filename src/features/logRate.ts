import { RATE_FLOOR } from "./featureSpec.js";

/** log10(rate + 1e-4) with the rate clamped into [0, 1]: the bounded scale used for small rates. */
export function logRate(rate: number): number {
  const r = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
  return Math.min(0, Math.log10(r + RATE_FLOOR));
}
