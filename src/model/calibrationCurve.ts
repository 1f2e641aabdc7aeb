import { CALIBRATION_EDGES } from "./evaluate.js";
import { weightedBins } from "./weightedBins.js";

export type CalibrationPoint = {
  from: number;
  to: number;
  count: number;
  /** Kish effective sample size of the bin, (Σw)² / Σw²: importance weights shrink it. */
  effectiveN: number;
  meanPredicted: number;
  observedRate: number;
  /** 95% Wilson interval of the observed rate at the effective sample size. */
  ciLow: number;
  ciHigh: number;
};

export type CalibrationCurveParameters = {
  p: ArrayLike<number>;
  y: readonly number[];
  w?: readonly number[];
  edges?: readonly number[];
};

export type CalibrationCurveReturnType = {
  points: CalibrationPoint[];
  /** Expected calibration error: Σ_bins (weight share) × |mean predicted − observed rate|. */
  ece: number;
};

/** The calibration curve over fixed bins (finer where most operators sit) and its ECE. */
export function calibrationCurve({
  p,
  y,
  w,
  edges = CALIBRATION_EDGES,
}: CalibrationCurveParameters): CalibrationCurveReturnType {
  const { bins, total } = weightedBins({ predicted: p, y, w, edges });
  let ece = 0;
  const points: CalibrationPoint[] = bins.map(({ from, to, count, sw, sw2, sp, sy }) => {
    const effectiveN = (sw * sw) / sw2;
    const observedRate = sy / sw;
    const [ciLow, ciHigh] = wilson(observedRate, effectiveN);
    ece += (sw / total) * Math.abs(sp / sw - observedRate);
    return {
      from,
      to,
      count,
      effectiveN,
      meanPredicted: sp / sw,
      observedRate,
      ciLow,
      ciHigh,
    };
  });
  return { points, ece };
}

/** 95% Wilson score interval for a rate observed on n (possibly fractional) trials. */
function wilson(rate: number, n: number): [number, number] {
  const z = 1.959964;
  const d = 1 + (z * z) / n;
  const centre = (rate + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((rate * (1 - rate)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
