import {
  summarizeWindow,
  type OperatorEpochAggregate,
  type SlashingEvent,
} from "../features/index.js";

/**
 * Shortfall against ideal rewards, as a share of stake, above which a 30-day window counts as a
 * severe loss: 3 bp of stake, about 2.5 days of the operator's whole stake offline in the month
 * (≈ 8.5% of duties), twice the loss at Lido CSM's 0.947 penalty line (docs/model.md, "Label").
 */
export const SEVERE_SHORTFALL_SHARE = 3e-4;

export type SevereLossParameters = {
  operatorId: string;
  aggregates: readonly OperatorEpochAggregate[];
  slashings: readonly SlashingEvent[];
  /** The label covers epochs fromEpoch + 1 .. fromEpoch + epochs (the future of a feature epoch). */
  fromEpoch: number;
  epochs: number;
  threshold?: number;
};

export type SevereLossReturnType = {
  severe: boolean;
  slashed: boolean;
  /** Rewards missed plus penalties plus slashing losses, share of the average stake. */
  shortfallShare: number;
  /** The same without slashing losses: the performance shortfall the on-chain score forecasts. */
  performanceShortfallShare: number;
};

/**
 * The training target: a slashing of any of the operator's validators, or rewards missed plus
 * penalties (ideal − earned over attestations, proposals and sync, plus the inactivity leak and
 * slashing losses) of at least `threshold` of the operator's average stake in the window.
 */
export function severeLoss({
  operatorId,
  aggregates,
  slashings,
  fromEpoch,
  epochs,
  threshold = SEVERE_SHORTFALL_SHARE,
}: SevereLossParameters): SevereLossReturnType {
  const s = summarizeWindow({ aggregates, toEpoch: fromEpoch + epochs, epochs });
  const slashed = slashings.some(
    (e) => e.operatorId === operatorId && e.epoch > fromEpoch && e.epoch <= fromEpoch + epochs,
  );
  const a = s.attestations;
  const ideal = a.sourceIdeal + a.targetIdeal + a.headIdeal + s.proposals.ideal + s.sync.ideal;
  const earned =
    a.sourceEarned +
    a.targetEarned +
    a.headEarned -
    a.inactivityPenalty +
    s.proposals.earned +
    s.sync.earned;
  // Slashing losses are in the balance delta but not in earned rewards.
  const slashingLoss = Math.max(0, earned - s.balanceDeltaGwei);
  const stake = s.epochs > 0 ? s.effectiveBalanceGwei / s.epochs : 0;
  const shortfallShare = stake > 0 ? (ideal - earned + slashingLoss) / stake : 0;
  const performanceShortfallShare = stake > 0 ? (ideal - earned) / stake : 0;
  return {
    severe: slashed || shortfallShare >= threshold,
    slashed,
    shortfallShare,
    performanceShortfallShare,
  };
}
