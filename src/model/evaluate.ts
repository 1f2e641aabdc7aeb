/** Held-out metrics of a probabilistic classifier; all weighted by importance weights. */
export type CalibrationBin = {
  from: number;
  to: number;
  count: number;
  weight: number;
  meanPredicted: number;
  observedRate: number;
};

export type Metrics = {
  auroc: number;
  brier: number;
  logLoss: number;
  positives: number;
  count: number;
  weightedPositiveRate: number;
  calibration: CalibrationBin[];
};

export type EvaluateParameters = {
  p: ArrayLike<number>;
  y: readonly number[];
  w?: readonly number[];
};

/** Bin edges for the calibration table: most operators sit at low risk, so the low end is finer. */
export const CALIBRATION_EDGES = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

export function evaluate({ p, y, w }: EvaluateParameters): Metrics {
  const n = y.length;
  const wt = (i: number) => (w ? w[i] : 1);
  let total = 0;
  let pos = 0;
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    total += wt(i);
    pos += wt(i) * y[i];
    brier += wt(i) * (p[i] - y[i]) ** 2;
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
    logLoss -= wt(i) * (y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
  }
  const calibration: CalibrationBin[] = [];
  for (let b = 0; b + 1 < CALIBRATION_EDGES.length; b++) {
    const from = CALIBRATION_EDGES[b];
    const to = CALIBRATION_EDGES[b + 1];
    let count = 0;
    let weight = 0;
    let sp = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      if (p[i] < from || (p[i] >= to && to < 1) || p[i] > to) continue;
      count++;
      weight += wt(i);
      sp += wt(i) * p[i];
      sy += wt(i) * y[i];
    }
    if (count > 0)
      calibration.push({
        from,
        to,
        count,
        weight,
        meanPredicted: sp / weight,
        observedRate: sy / weight,
      });
  }
  return {
    auroc: weightedAuroc(p, y, wt),
    brier: brier / total,
    logLoss: logLoss / total,
    positives: y.filter((v) => v === 1).length,
    count: n,
    weightedPositiveRate: pos / total,
    calibration,
  };
}

/** Probability that a random positive outranks a random negative (ties count half), weighted. */
function weightedAuroc(
  p: ArrayLike<number>,
  y: readonly number[],
  wt: (i: number) => number,
): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let negBelow = 0;
  let area = 0;
  let posTotal = 0;
  let negTotal = 0;
  for (let k = 0; k < idx.length; ) {
    let j = k;
    let tiePos = 0;
    let tieNeg = 0;
    while (j < idx.length && p[idx[j]] === p[idx[k]]) {
      const i = idx[j];
      if (y[i] === 1) tiePos += wt(i);
      else tieNeg += wt(i);
      j++;
    }
    area += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    posTotal += tiePos;
    negTotal += tieNeg;
    k = j;
  }
  return posTotal > 0 && negTotal > 0 ? area / (posTotal * negTotal) : 0.5;
}
