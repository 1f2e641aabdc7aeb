import { weightedBins } from "./weightedBins.js";

/** Bins of the predicted 30-day shortfall, bp of stake: finer where healthy operators sit. */
export const SHORTFALL_EDGES_BPS = [0, 0.25, 0.5, 1, 2, 4, 8, 16, 100] as const;

export type ShortfallCalibrationPoint = {
  fromBps: number;
  toBps: number;
  count: number;
  /** Kish effective sample size of the bin, (Σw)² / Σw². */
  effectiveN: number;
  meanPredictedBps: number;
  meanRealisedBps: number;
  /** 95% interval of the realised mean: ± 1.96 weighted standard deviations / √effectiveN. */
  ciLowBps: number;
  ciHighBps: number;
};

export type ShortfallCalibrationParameters = {
  predictedBps: ArrayLike<number>;
  realisedBps: ArrayLike<number>;
  w: ArrayLike<number>;
};

export type ShortfallCalibrationReturnType = {
  points: ShortfallCalibrationPoint[];
  meanPredictedBps: number;
  meanRealisedBps: number;
  /** Σ_bins (weight share) × |mean predicted − mean realised|, in bp: the loss analogue of ECE. */
  calibrationErrorBps: number;
};

/**
 * How well the published number prices the loss: for operators binned by their expected 30-day
 * shortfall, the weighted mean predicted against the weighted mean that followed.
 */
export function shortfallCalibration({
  predictedBps,
  realisedBps,
  w,
}: ShortfallCalibrationParameters): ShortfallCalibrationReturnType {
  const { bins, total } = weightedBins({
    predicted: predictedBps,
    y: realisedBps,
    w,
    edges: SHORTFALL_EDGES_BPS,
  });
  let error = 0;
  let sumPredicted = 0;
  let sumRealised = 0;
  const points: ShortfallCalibrationPoint[] = bins.map(
    ({ from, to, count, sw, sw2, sp, sy, syy }) => {
      const effectiveN = (sw * sw) / sw2;
      const meanRealised = sy / sw;
      const sd = Math.sqrt(Math.max(0, syy / sw - meanRealised ** 2));
      const half = (1.96 * sd) / Math.sqrt(effectiveN);
      sumPredicted += sp;
      sumRealised += sy;
      error += (sw / total) * Math.abs(sp / sw - meanRealised);
      return {
        fromBps: from,
        toBps: to,
        count,
        effectiveN,
        meanPredictedBps: sp / sw,
        meanRealisedBps: meanRealised,
        ciLowBps: Math.max(0, meanRealised - half),
        ciHighBps: meanRealised + half,
      };
    },
  );
  return {
    points,
    meanPredictedBps: total > 0 ? sumPredicted / total : 0,
    meanRealisedBps: total > 0 ? sumRealised / total : 0,
    calibrationErrorBps: error,
  };
}
