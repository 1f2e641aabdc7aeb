export type ShrinkRateParameters = {
  /** Failures observed (misses), possibly fractional (a shortfall in duty-equivalents). */
  events: number;
  /** Duties observed. */
  trials: number;
  /** The population's rate: the network's over the same window. */
  prior: number;
  /** Prior strength in duties. */
  priorTrials: number;
};

/**
 * Beta-binomial posterior mean (events + k·prior) / (trials + k): a small operator's rate is
 * pulled toward the network's in proportion to how little it has been observed, so one missed
 * duty of a one-validator operator does not read as an outage, while a large operator's own
 * record dominates. Without duties it is the network's rate.
 */
export function shrinkRate({ events, trials, prior, priorTrials }: ShrinkRateParameters): number {
  return (events + priorTrials * prior) / (trials + priorTrials);
}
