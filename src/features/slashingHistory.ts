import { EPOCHS_PER_DAY } from "./types.js";
import { SLASHING_RECENCY_DAYS } from "./featureSpec.js";
import type { SlashingEvent } from "./types.js";

export type SlashingHistoryParameters = {
  events: readonly SlashingEvent[];
  operatorId: string;
  /** Only events at or before this epoch count: a later slashing must never leak into a feature. */
  atEpoch: number;
};

export type SlashingHistoryReturnType = {
  count: number;
  /** exp(−days since the last slashing / 90); 0 when never slashed. */
  recency: number;
  /** Largest number of the operator's validators slashed within any one-day (225-epoch) span. */
  largestCluster: number;
};

export function slashingHistory({
  events,
  operatorId,
  atEpoch,
}: SlashingHistoryParameters): SlashingHistoryReturnType {
  const epochs = events
    .filter((e) => e.operatorId === operatorId && e.epoch <= atEpoch)
    .map((e) => e.epoch)
    .sort((a, b) => a - b);
  if (epochs.length === 0) return { count: 0, recency: 0, largestCluster: 0 };
  const last = epochs[epochs.length - 1];
  const recency = Math.exp(-(atEpoch - last) / EPOCHS_PER_DAY / SLASHING_RECENCY_DAYS);
  let largestCluster = 0;
  let start = 0;
  for (let end = 0; end < epochs.length; end++) {
    while (epochs[end] - epochs[start] >= EPOCHS_PER_DAY) start++;
    largestCluster = Math.max(largestCluster, end - start + 1);
  }
  return { count: epochs.length, recency, largestCluster };
}
