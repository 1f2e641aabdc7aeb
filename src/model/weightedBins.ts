export type WeightedBin = {
  from: number;
  to: number;
  count: number;
  /** Σw, Σw², Σw·predicted, Σw·y and Σw·y² over the bin's samples. */
  sw: number;
  sw2: number;
  sp: number;
  sy: number;
  syy: number;
};

export type WeightedBinsParameters = {
  predicted: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Sample weights; default 1. */
  w?: ArrayLike<number>;
  /** Bin edges, ascending; a bin holds [from, to), the last one [from, to]. */
  edges: readonly number[];
};

export type WeightedBinsReturnType = {
  /** The non-empty bins (positive weight), in edge order. */
  bins: WeightedBin[];
  /** Σw over every sample. */
  total: number;
};

/** Weighted sums of predictions and outcomes per bin of the prediction: what calibration reads. */
export function weightedBins({
  predicted,
  y,
  w,
  edges,
}: WeightedBinsParameters): WeightedBinsReturnType {
  const wt = (i: number) => (w ? w[i] : 1);
  let total = 0;
  for (let i = 0; i < y.length; i++) total += wt(i);
  const bins: WeightedBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const from = edges[b];
    const to = edges[b + 1];
    const last = b + 2 === edges.length;
    const bin: WeightedBin = { from, to, count: 0, sw: 0, sw2: 0, sp: 0, sy: 0, syy: 0 };
    for (let i = 0; i < y.length; i++) {
      const v = predicted[i];
      if (v < from || (last ? v > to : v >= to)) continue;
      const weight = wt(i);
      bin.count++;
      bin.sw += weight;
      bin.sw2 += weight ** 2;
      bin.sp += weight * v;
      bin.sy += weight * y[i];
      bin.syy += weight * y[i] ** 2;
    }
    if (bin.count > 0 && bin.sw > 0) bins.push(bin);
  }
  return { bins, total };
}
