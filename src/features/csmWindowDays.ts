import { EPOCHS_PER_DAY, WINDOWS } from "./types.js";

export type CsmWindowDaysReturnType = {
  /** First and last day (epoch / 225, floored) of the window, inclusive; none when last < first. */
  fromDay: number;
  toDay: number;
};

/**
 * The days whose every epoch lies inside the 30-day window ending at `atEpoch`: the span the
 * per-validator CSM rule sums duties over. Whole days let ingestion keep one packed row of
 * per-validator counts a day instead of one an epoch, and a day that is whole by `atEpoch`
 * never changes afterwards, so an attester that recomputes the vector later reads the same days.
 * 30 days when `atEpoch` ends a day, otherwise the 29 whole days after the window's first partial.
 */
export function csmWindowDays(atEpoch: number): CsmWindowDaysReturnType {
  const firstEpoch = atEpoch - WINDOWS["30d"] + 1;
  return {
    fromDay: Math.ceil(firstEpoch / EPOCHS_PER_DAY),
    toDay: Math.floor((atEpoch + 1) / EPOCHS_PER_DAY) - 1,
  };
}
