import { MAX_SCORE_BPS } from "./constants.js";
import { InvalidReportError } from "./errors.js";

/**
 * The score (expected 30-day loss, basis points of stake) a proven output stands for, by
 * RiskOracle's rule: `floor((felt * MAX_SCORE_BPS + 2^(outScale-1)) / 2^outScale)`, i.e.
 * round(x × 100) with halves up, where x = felt / 2^outScale and 1.0 = 100 bp. Outputs above
 * 2^outScale (x > 1), including negative field elements, are refused as the contract refuses them.
 */
export function bpsFromFelt(felt: bigint, outScale: number): number {
  if (!Number.isInteger(outScale) || outScale < 0 || outScale > 128)
    throw new RangeError(`outScale ${outScale} must be an integer 0..128`);
  const one = 1n << BigInt(outScale);
  if (felt < 0n || felt > one) {
    throw new InvalidReportError("Proof output outside [0, 1] (0..100 bp)", {
      details: `felt ${felt} at scale 2^${outScale}`,
    });
  }
  if (outScale === 0) return Number(felt) * MAX_SCORE_BPS;
  return Number((felt * BigInt(MAX_SCORE_BPS) + (one >> 1n)) >> BigInt(outScale));
}
