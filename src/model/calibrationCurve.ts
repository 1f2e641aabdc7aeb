import { CALIBRATION_EDGES } from "./evaluate.js";

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
  const wt = (i: number) => (w ? w[i] : 1);
  let total = 0;
  for (let i = 0; i < y.length; i++) total += wt(i);
  const points: CalibrationPoint[] = [];
  let ece = 0;
  for (let b = 0; b + 1 < edges.length; b++) {
    const from = edges[b];
    const to = edges[b + 1];
    const last = b + 2 === edges.length;
    let count = 0;
    let sw = 0;
    let sw2 = 0;
    let sp = 0;
    let sy = 0;
    for (let i = 0; i < y.length; i++) {
      if (p[i] < from || (last ? p[i] > to : p[i] >= to)) continue;
      count++;
      sw += wt(i);
      sw2 += wt(i) ** 2;
      sp += wt(i) * p[i];
      sy += wt(i) * y[i];
    }
    if (count === 0 || sw <= 0) continue;
    const effectiveN = (sw * sw) / sw2;
    const observedRate = sy / sw;
    const [ciLow, ciHigh] = wilson(observedRate, effectiveN);
    points.push({
      from,
      to,
      count,
      effectiveN,
      meanPredicted: sp / sw,
      observedRate,
      ciLow,
      ciHigh,
    });
    ece += (sw / total) * Math.abs(sp / sw - observedRate);
  }
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
