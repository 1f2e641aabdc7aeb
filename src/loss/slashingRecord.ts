import { EPOCHS_PER_DAY, EPOCHS_PER_YEAR, type SlashingEvent } from "../features/index.js";

export type SlashingRecordParameters = {
  events: readonly SlashingEvent[];
  operatorId: string;
  /** Only events at or before this epoch count. */
  atEpoch: number;
  /** First epoch the record covers (the first ingested epoch): the exposure starts here. */
  sinceEpoch: number;
};

export type SlashingRecordReturnType = { incidents: number; exposureYears: number };

/**
 * The operator's own slashing record as the slashing prior counts it: incidents, not validators
 * (slashings within one day of the previous one belong to the same incident, as RockLogic's 11
 * keys in 6 slots were one incident), over the operator-years the record covers.
 */
export function slashingRecord({
  events,
  operatorId,
  atEpoch,
  sinceEpoch,
}: SlashingRecordParameters): SlashingRecordReturnType {
  const epochs = events
    .filter((e) => e.operatorId === operatorId && e.epoch <= atEpoch)
    .map((e) => e.epoch)
    .sort((a, b) => a - b);
  let incidents = 0;
  for (let i = 0; i < epochs.length; i++)
    if (i === 0 || epochs[i] - epochs[i - 1] >= EPOCHS_PER_DAY) incidents++;
  return { incidents, exposureYears: Math.max(0, atEpoch - sinceEpoch + 1) / EPOCHS_PER_YEAR };
}
