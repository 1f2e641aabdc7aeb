import { FEATURE_NAMES } from "../features/index.js";
import { buildTrainingSet, type Sample } from "./buildTrainingSet.js";
import { calibrationCurve, type CalibrationPoint } from "./calibrationCurve.js";
import { evaluate } from "./evaluate.js";
import {
  shortfallCalibration,
  type ShortfallCalibrationReturnType,
} from "./shortfallCalibration.js";

/**
 * Seeds never used for training or model selection (training uses the card's seeds, selection
 * VALIDATION_SEEDS and the held-out operators). Each builds new operators on a new network timeline.
 */
export const FRESH_SEEDS = [9_700_001, 9_700_002, 9_700_003, 9_700_004, 9_700_005] as const;
/** The shipping rule's calibration bound: expected calibration error on every fresh seed. */
export const MAX_FRESH_SEED_ECE = 0.02;

/**
 * Seeds made the same way, for model selection: features, hyper-parameters and calibration were
 * chosen on these, so the fresh seeds measure a model that never saw them.
 */
export const VALIDATION_SEEDS = [9_200_001, 9_200_002, 9_200_003, 9_200_004, 9_200_005] as const;

export type FreshSeedResult = {
  seed: number;
  samples: number;
  positives: number;
  model_auroc: number;
  /** The single input feature (either sign) with the highest AUROC on this seed: an optimistic baseline. */
  best_single_feature: string;
  best_single_feature_auroc: number;
  baselines: {
    shortfall_1d_auroc: number;
    shortfall_7d_auroc: number;
    csm_rule_auroc: number;
    size_slashing_auroc: number;
  };
  /** Discrimination of slashings alone (positives = a slashing in the next 30 days). */
  slashing_auroc: number;
  /** Kish effective number of slashing positives, (Σw)² / Σw²: how much the slashing AUROC rests on. */
  slashing_effective_n: number;
  /** Expected calibration error of the published probability. */
  ece: number;
  calibration: CalibrationPoint[];
  /** The published expected 30-day shortfall against the shortfall that followed (bp of stake). */
  expected_shortfall?: ShortfallCalibrationReturnType;
};

export type EvaluateFreshSeedsParameters = {
  /** The shipped model on raw feature vectors → probabilities. */
  predict: (features: number[][]) => ArrayLike<number>;
  /** The shipped model's expected 30-day shortfall in bp, when it publishes one. */
  predictShortfallBps?: (features: number[][]) => ArrayLike<number>;
  seeds?: readonly number[];
  operators?: number;
  onProgress?: (message: string) => void;
};

/** Simulates each fresh seed and measures the model against the baselines on it. */
export function evaluateFreshSeeds({
  predict,
  predictShortfallBps,
  seeds = FRESH_SEEDS,
  operators = 6000,
  onProgress,
}: EvaluateFreshSeedsParameters): FreshSeedResult[] {
  return seeds.map((seed) => {
    const { samples } = buildTrainingSet({ seed, operators });
    const x = samples.map((s) => s.features);
    const result = measureSeed({
      seed,
      samples,
      p: predict(x),
      shortfallBps: predictShortfallBps?.(x),
    });
    onProgress?.(
      `seed ${seed}: model AUROC ${result.model_auroc.toFixed(4)}, best single feature ${result.best_single_feature} ${result.best_single_feature_auroc.toFixed(4)}, slashing AUROC ${result.slashing_auroc.toFixed(4)} (n_eff ${result.slashing_effective_n.toFixed(1)}), ECE ${result.ece.toFixed(4)}${result.expected_shortfall ? `, expected shortfall ${result.expected_shortfall.meanPredictedBps.toFixed(3)} bp vs ${result.expected_shortfall.meanRealisedBps.toFixed(3)} realised (error ${result.expected_shortfall.calibrationErrorBps.toFixed(3)} bp)` : ""}`,
    );
    return result;
  });
}

export type MeasureSeedParameters = {
  seed: number;
  samples: readonly Sample[];
  p: ArrayLike<number>;
  shortfallBps?: ArrayLike<number>;
};

export function measureSeed({
  seed,
  samples,
  p,
  shortfallBps,
}: MeasureSeedParameters): FreshSeedResult {
  const y = samples.map((s) => s.label);
  const w = samples.map((s) => s.weight);
  const auroc = (score: ArrayLike<number>, labels: readonly number[] = y) =>
    evaluate({ p: score, y: labels, w }).auroc;
  const column = (name: string) => samples.map((s) => s.features[FEATURE_NAMES.indexOf(name)]);

  let best = { name: "", auroc: 0 };
  for (const name of FEATURE_NAMES) {
    const a = auroc(column(name));
    const oriented = Math.max(a, 1 - a);
    if (oriented > best.auroc) best = { name, auroc: oriented };
  }
  const slashed = samples.map((s) => (s.slashed ? 1 : 0));
  let sw = 0;
  let sw2 = 0;
  samples.forEach((s) => {
    if (!s.slashed) return;
    sw += s.weight;
    sw2 += s.weight ** 2;
  });
  const curve = calibrationCurve({ p, y, w });
  return {
    seed,
    samples: samples.length,
    positives: y.filter((v) => v === 1).length,
    model_auroc: auroc(p),
    best_single_feature: best.name,
    best_single_feature_auroc: best.auroc,
    baselines: {
      shortfall_1d_auroc: auroc(column("eff_shortfall_log_1d")),
      shortfall_7d_auroc: auroc(column("eff_shortfall_log_7d")),
      // Lido CSM's rule as Lido applies it: the share of the operator's validators whose own
      // performance is under the network's minus the leeway (the input computes exactly that).
      csm_rule_auroc: auroc(column("under_threshold_30d")),
      size_slashing_auroc: auroc(column("validators_log"), slashed),
    },
    slashing_auroc: auroc(p, slashed),
    slashing_effective_n: sw2 > 0 ? (sw * sw) / sw2 : 0,
    ece: curve.ece,
    calibration: curve.points,
    ...(shortfallBps && {
      expected_shortfall: shortfallCalibration({
        predictedBps: shortfallBps,
        realisedBps: samples.map((s) => s.extra?.futurePerformanceShortfallBps ?? 0),
        w,
      }),
    }),
  };
}
