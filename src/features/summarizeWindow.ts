import { CORRELATED_MIN_SHARE, CORRELATED_MIN_VALIDATORS } from "./featureSpec.js";
import { FeatureError } from "./errors.js";
import type { EpochAggregate, WindowSummary } from "./types.js";
import { emptyAttestationAggregate } from "./emptyAttestationAggregate.js";

export type SummarizeWindowParameters = {
  /** Aggregates of one operator (or of the network), any order; epochs outside the window are ignored. */
  aggregates: readonly EpochAggregate[];
  /** Last epoch of the window (inclusive). */
  toEpoch: number;
  /** Window length in epochs. */
  epochs: number;
};

export type SummarizeWindowReturnType = WindowSummary;

/**
 * Sums aggregates over `toEpoch − epochs + 1 .. toEpoch`. Ratios are taken later from these
 * sums (Σ earned / Σ ideal over the window, not a mean of per-epoch ratios), so a busy epoch
 * weighs as much as its duties.
 */
export function summarizeWindow({
  aggregates,
  toEpoch,
  epochs,
}: SummarizeWindowParameters): SummarizeWindowReturnType {
  if (!Number.isInteger(epochs) || epochs <= 0)
    throw new FeatureError("FEATURES_INVALID_WINDOW", "Window length must be a positive integer", {
      epochs,
    });
  const fromEpoch = toEpoch - epochs + 1;
  const s: WindowSummary = {
    fromEpoch,
    toEpoch,
    epochs,
    attestations: emptyAttestationAggregate(),
    proposals: { duties: 0, produced: 0, earned: 0, ideal: 0, pricedDuties: 0 },
    sync: { duties: 0, participated: 0, earned: 0, ideal: 0, pricedDuties: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 0,
    exitedValidators: 0,
    correlatedMisses: 0,
    maxMissingShare: 0,
    maxActiveValidators: 0,
    lastActiveValidators: 0,
  };
  let lastEpoch = -Infinity;
  for (const a of aggregates) {
    if (a.epoch < fromEpoch || a.epoch > toEpoch) continue;
    checkAggregate(a);
    const at = a.attestations;
    const sa = s.attestations;
    sa.duties += at.duties;
    sa.sourceEarned += at.sourceEarned;
    sa.sourceIdeal += at.sourceIdeal;
    sa.targetEarned += at.targetEarned;
    sa.targetIdeal += at.targetIdeal;
    sa.headEarned += at.headEarned;
    sa.headIdeal += at.headIdeal;
    sa.inactivityPenalty += at.inactivityPenalty;
    sa.sourceMisses += at.sourceMisses;
    sa.targetMisses += at.targetMisses;
    sa.headMisses += at.headMisses;

    s.proposals.duties += a.proposals.duties;
    s.proposals.produced += a.proposals.produced;
    if (a.proposals.ideal !== undefined && a.proposals.earned !== undefined) {
      s.proposals.earned += a.proposals.earned;
      s.proposals.ideal += a.proposals.ideal;
      s.proposals.pricedDuties += a.proposals.duties;
    }
    s.sync.duties += a.sync.duties;
    s.sync.participated += a.sync.participated;
    if (a.sync.ideal !== undefined && a.sync.earned !== undefined) {
      s.sync.earned += a.sync.earned;
      s.sync.ideal += a.sync.ideal;
      s.sync.pricedDuties += a.sync.duties;
    }

    s.balanceDeltaGwei += a.balanceDeltaGwei;
    s.effectiveBalanceGwei += a.effectiveBalanceGwei;
    s.exitedValidators += a.exitedValidators;

    // Validators failing together in one epoch point at shared infrastructure (one node, one
    // signer, one migration) rather than independent bad luck.
    // The peak share counts only such epochs: a lone validator's one miss is not an outage.
    const missing = at.sourceMisses;
    if (missing >= CORRELATED_MIN_VALIDATORS && missing >= CORRELATED_MIN_SHARE * at.duties) {
      s.correlatedMisses += missing;
      s.maxMissingShare = Math.max(s.maxMissingShare, missing / at.duties);
    }
    s.maxActiveValidators = Math.max(s.maxActiveValidators, a.activeValidators);
    if (a.epoch > lastEpoch) {
      lastEpoch = a.epoch;
      s.lastActiveValidators = a.activeValidators;
    }
  }
  return s;
}

function checkAggregate(a: EpochAggregate): void {
  const at = a.attestations;
  const counts = [
    a.activeValidators,
    at.duties,
    at.sourceMisses,
    at.targetMisses,
    at.headMisses,
    a.proposals.duties,
    a.proposals.produced,
    a.sync.duties,
    a.sync.participated,
    a.exitedValidators,
  ];
  const bad =
    counts.some((c) => !Number.isFinite(c) || c < 0) ||
    at.sourceMisses > at.duties ||
    at.targetMisses > at.duties ||
    at.headMisses > at.duties ||
    a.proposals.produced > a.proposals.duties ||
    a.sync.participated > a.sync.duties ||
    !(at.inactivityPenalty >= 0);
  if (bad)
    throw new FeatureError("FEATURES_INVALID_AGGREGATE", `Invalid aggregate at epoch ${a.epoch}`, {
      epoch: a.epoch,
    });
}
