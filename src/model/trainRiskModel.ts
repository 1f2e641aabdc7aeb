import { FEATURE_NAMES, FEATURE_SPECS, FEATURE_VERSION } from "../features/index.js";
import type { Sample } from "./buildTrainingSet.js";
import { evaluate, type Metrics } from "./evaluate.js";
import { exportOnnx, layerOutputName, OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { fitShortfallHead, type ShortfallHead } from "./fitShortfallHead.js";
import { foldScaling, inputScaling, scaleRows } from "./inputScaling.js";
import { predictMlp, trainMlp, type Mlp } from "./mlp.js";
import { ModelError } from "./errors.js";
import { featureSigns } from "./featureSigns.js";
import { foldPlatt, plattScale, type PlattScaleReturnType } from "./plattScale.js";
import { trainRankingLogistic } from "./trainRankingLogistic.js";

export type TrainRiskModelParameters = {
  samples: readonly Sample[];
  seed: number;
  hidden?: readonly number[];
  epochs?: number;
  /** Share of operators held out for the metrics (split by operator, never by sample). */
  testShare?: number;
  /** Written into the ONNX metadata and the card (where the data came from). */
  provenance: Record<string, string>;
  /**
   * Features the model must not use: their inputs are held at 0 in training and their weights
   * set to 0, so the input width (and the circuit's shape) stays that of the feature version.
   */
  excludeFeatures?: readonly string[];
  /**
   * The model to ship when it was chosen elsewhere (on the validation seeds, for simulated data);
   * without it the held-out rule below decides.
   */
  kind?: ModelKind;
  onProgress?: (message: string) => void;
};

export type ModelKind = "mlp" | "logistic";

export type TrainRiskModelReturnType = {
  onnx: Uint8Array;
  kind: ModelKind;
  hidden: number[];
  /** The probability model on raw features (scaling folded in): P(severe loss in 30 days). */
  network: Mlp;
  /** The expected-shortfall head on its probability; the ONNX graph is network then head. */
  head: ShortfallHead;
  /** network + head: raw features → expected 30-day performance shortfall / OUTPUT_UNIT_BPS. */
  shipped: Mlp;
  metrics: { model: Metrics; mlp: Metrics; logistic: Metrics; thresholdRule: Metrics };
  split: {
    trainSamples: number;
    testSamples: number;
    trainOperators: number;
    testOperators: number;
  };
  selection: string;
  excludedFeatures: string[];
  /** Platt scaling folded into the output layer (fitted on the held-out operators), or undefined when it did not help. */
  platt?: { a: number; b: number };
  /** Median training feature vector: the reference operator per-feature contributions are measured from. */
  contributionBaseline: number[];
};

/**
 * The MLP must beat logistic regression by this much held-out AUROC (or 3% Brier) to ship;
 * otherwise the simpler model ships (a smaller circuit, easier to explain).
 */
export const MLP_MIN_AUROC_GAIN = 0.01;
export const MLP_MIN_BRIER_GAIN = 0.03;
/** Adam steps of 2,048 pairs each for the logistic model's ranking loss (chosen on the validation seeds). */
export const RANKING_STEPS = 8_000;

/** Trains the MLP and both baselines on the same split, picks the model to ship, exports ONNX. */
export function trainRiskModel({
  samples,
  seed,
  hidden = [16],
  epochs = 40,
  testShare = 0.25,
  provenance,
  excludeFeatures = [],
  kind: chosenKind,
  onProgress,
}: TrainRiskModelParameters): TrainRiskModelReturnType {
  const isTest = (s: Sample) => (fnv1a(s.operatorId) % 10_000) / 10_000 < testShare;
  const train = samples.filter((s) => !isTest(s));
  const test = samples.filter(isTest);
  if (
    train.length === 0 ||
    test.length === 0 ||
    !train.some((s) => s.label === 1) ||
    !test.some((s) => s.label === 1)
  ) {
    throw new ModelError(
      "MODEL_TRAINING_DATA",
      "Training data needs positive and negative samples on both sides of the operator split",
      { train: train.length, test: test.length },
    );
  }
  const scaling = inputScaling();
  const excluded = excludeFeatures.map((name) => {
    const i = FEATURE_NAMES.indexOf(name);
    if (i < 0)
      throw new ModelError("MODEL_TRAINING_DATA", `Unknown feature to exclude: ${name}`, { name });
    return i;
  });
  const mask = (rows: number[][]) =>
    rows.map((r) => r.map((v, i) => (excluded.includes(i) ? 0 : v)));
  const xTrain = mask(
    scaleRows(
      train.map((s) => s.features),
      scaling,
    ),
  );
  const xTest = mask(
    scaleRows(
      test.map((s) => s.features),
      scaling,
    ),
  );
  const yTrain = train.map((s) => s.label);
  const yTest = test.map((s) => s.label);
  const wTrain = train.map((s) => s.weight);
  const wTest = test.map((s) => s.weight);
  const progress = (name: string) => (epoch: number, loss: number) => {
    if (epoch === 1 || epoch % 5 === 0 || epoch === epochs)
      onProgress?.(`${name} epoch ${epoch}/${epochs} weighted log-loss ${loss.toFixed(5)}`);
  };

  onProgress?.(
    `training MLP ${FEATURE_SPECS.length}→${hidden.join("→")}→1 on ${train.length} samples`,
  );
  // Monotone in every signed input (featureSigns): more missed duties never lower the score.
  const mlp = dropInputs(
    trainMlp({
      x: xTrain,
      y: yTrain,
      w: wTrain,
      hidden,
      epochs,
      seed,
      signs: featureSigns(),
      onEpoch: progress("mlp"),
    }),
    excluded,
  );
  onProgress?.(`training logistic regression for ranking (${RANKING_STEPS} steps)`);
  // Ranked by a pairwise loss, then given its probabilities by Platt scaling on the held-out
  // operators; the sign constraints keep collinear inputs from cancelling (featureSigns).
  const ranking = dropInputs(
    trainRankingLogistic({
      x: xTrain,
      y: yTrain,
      w: wTrain,
      steps: RANKING_STEPS,
      seed: seed + 1,
      signs: featureSigns(),
    }),
    excluded,
  );
  const logisticPlatt = plattScale({
    z: Array.from(predictMlp(ranking, xTest), logit),
    y: yTest,
    w: wTest,
  });
  const logistic = foldPlatt(ranking, logisticPlatt);

  // The CSM rule's held-out probability: the training rate of operators with any validator under
  // the line, and of those with none.
  const shareIndex = FEATURE_NAMES.indexOf("under_threshold_30d");
  const flag = (s: Sample) => (s.features[shareIndex] > 0 ? 1 : 0);
  const rate = (f: number) => {
    let w = 0;
    let p = 0;
    train.forEach((s, i) => {
      if (flag(s) !== f) return;
      w += wTrain[i];
      p += wTrain[i] * yTrain[i];
    });
    return w > 0 ? p / w : 0;
  };
  const ruleP = [rate(0), rate(1)];

  const metrics = {
    mlp: evaluate({ p: predictMlp(mlp, xTest), y: yTest, w: wTest }),
    logistic: evaluate({ p: predictMlp(logistic, xTest), y: yTest, w: wTest }),
    thresholdRule: evaluate({
      p: test.map((s) => ruleP[flag(s)]),
      y: yTest,
      w: wTest,
    }),
  };
  const mlpBetter =
    metrics.mlp.auroc >= metrics.logistic.auroc + MLP_MIN_AUROC_GAIN ||
    metrics.mlp.brier <= metrics.logistic.brier * (1 - MLP_MIN_BRIER_GAIN);
  const kind: ModelKind = chosenKind ?? (mlpBetter ? "mlp" : "logistic");
  const selection = chosenKind
    ? `${chosenKind === "mlp" ? "MLP" : "Logistic regression"} shipped as chosen on the validation seeds (held-out AUROC ${fmt(metrics.mlp.auroc)} MLP vs ${fmt(metrics.logistic.auroc)} logistic, Brier ${fmt(metrics.mlp.brier)} vs ${fmt(metrics.logistic.brier)})`
    : mlpBetter
      ? `MLP shipped: held-out AUROC ${fmt(metrics.mlp.auroc)} vs logistic ${fmt(metrics.logistic.auroc)}, Brier ${fmt(metrics.mlp.brier)} vs ${fmt(metrics.logistic.brier)} (needs +${MLP_MIN_AUROC_GAIN} AUROC or −${MLP_MIN_BRIER_GAIN * 100}% Brier)`
      : `Logistic regression shipped: the MLP (AUROC ${fmt(metrics.mlp.auroc)}, Brier ${fmt(metrics.mlp.brier)}) did not beat it (AUROC ${fmt(metrics.logistic.auroc)}, Brier ${fmt(metrics.logistic.brier)}) by +${MLP_MIN_AUROC_GAIN} AUROC or −${MLP_MIN_BRIER_GAIN * 100}% Brier, so the simpler model ships`;
  onProgress?.(selection);
  // The logistic model is calibrated already; the MLP is recalibrated on the held-out operators
  // when Platt scaling lowers their log-loss.
  let chosen = kind === "mlp" ? mlp : logistic;
  let platt: PlattScaleReturnType | undefined = kind === "mlp" ? undefined : logisticPlatt;
  let modelMetrics = metrics[kind];
  if (kind === "mlp") {
    const mlpPlatt = plattScale({
      z: Array.from(predictMlp(mlp, xTest), logit),
      y: yTest,
      w: wTest,
    });
    const recalibrated = foldPlatt(mlp, mlpPlatt);
    const recalibratedMetrics = evaluate({
      p: predictMlp(recalibrated, xTest),
      y: yTest,
      w: wTest,
    });
    // A slope ≤ 0 would turn the monotone network's order around (more misses, lower score).
    if (mlpPlatt.a > 0 && recalibratedMetrics.logLoss < metrics.mlp.logLoss) {
      chosen = recalibrated;
      platt = mlpPlatt;
      modelMetrics = recalibratedMetrics;
    }
  }
  if (platt)
    onProgress?.(
      `Platt scaling a=${fmt(platt.a)} b=${fmt(platt.b)} (fitted on the held-out operators)`,
    );
  const network = foldScaling(chosen, scaling);
  const head = fitHead(samples, network);
  onProgress?.(
    `expected-shortfall head: ${head.points.map((pt) => `${pt.p.toFixed(4)}→${pt.bps.toFixed(2)} bp`).join(", ")}`,
  );
  const shipped: Mlp = { layers: [...network.layers, ...head.layers] };
  const metadata: Record<string, string> = {
    feature_version: FEATURE_VERSION,
    feature_names: JSON.stringify(FEATURE_NAMES),
    input_scaling: JSON.stringify({
      method: "feature-spec range [lo, hi] → [-4, 4], folded into the first Gemm",
      lo: FEATURE_SPECS.map((s) => s.lo),
      hi: FEATURE_SPECS.map((s) => s.hi),
    }),
    model_kind: kind,
    target: "severe loss (slashing, or shortfall ≥ 3 bp of stake) in the next 30 days",
    output: `expected performance shortfall (missed rewards plus penalties) over the next 30 days, in units of ${OUTPUT_UNIT_BPS} bp of stake`,
    output_unit_bps: String(OUTPUT_UNIT_BPS),
    probability_output: layerOutputName(network.layers.length - 1, shipped.layers.length),
    ...provenance,
  };
  return {
    onnx: exportOnnx({ mlp: shipped, metadata }),
    kind,
    hidden: kind === "mlp" ? [...hidden] : [],
    network,
    head,
    shipped,
    metrics: { model: modelMetrics, ...metrics },
    split: {
      trainSamples: train.length,
      testSamples: test.length,
      trainOperators: new Set(train.map((s) => s.operatorId)).size,
      testOperators: new Set(test.map((s) => s.operatorId)).size,
    },
    selection,
    excludedFeatures: excluded.map((i) => FEATURE_NAMES[i]),
    platt,
    contributionBaseline: FEATURE_NAMES.map((_, i) => median(train.map((s) => s.features[i]))),
  };
}

/**
 * Fits the expected-shortfall head on every sample (held-out operators included: the head maps a
 * probability that the training did not fit to them, and the fresh seeds test it).
 */
function fitHead(samples: readonly Sample[], network: Mlp): ShortfallHead {
  const missing = samples.filter((s) => s.extra?.futurePerformanceShortfallBps === undefined);
  if (missing.length > 0)
    throw new ModelError(
      "MODEL_TRAINING_DATA",
      `${missing.length} of ${samples.length} samples have no realised 30-day shortfall (future_shortfall_bps): the expected-shortfall head cannot be fitted`,
      { train: samples.length - missing.length },
    );
  return fitShortfallHead({
    p: predictMlp(
      network,
      samples.map((s) => s.features),
    ),
    shortfallBps: samples.map((s) => s.extra!.futurePerformanceShortfallBps!),
    w: samples.map((s) => s.weight),
  });
}

/** Zeroes the first-layer weights of excluded inputs (trained on a constant 0 they carry no signal). */
function dropInputs(mlp: Mlp, excluded: readonly number[]): Mlp {
  const [first, ...rest] = mlp.layers;
  const weights = Float64Array.from(first.weights);
  for (let o = 0; o < first.outputs; o++)
    for (const k of excluded) weights[o * first.inputs + k] = 0;
  return { layers: [{ ...first, weights }, ...rest] };
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log(q / (1 - q));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? 0
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (x: number) => x.toFixed(4);

/** FNV-1a 32-bit: a stable operator → split assignment independent of sample order. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
