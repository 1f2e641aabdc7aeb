import { EPOCHS_PER_DAY } from "../features/types.js";

/**
 * The layout of a `validator_day` row (encoding 1; docs/storage.md): a bitmap of the day's
 * epochs that were counted, then u8 counts per validator index (a day has 225 epochs, so a
 * count never exceeds 255).
 */
export const VALIDATOR_DAY_ENCODING = 1;

/** 225 bits, one per epoch of the day. */
export const DAY_BITMAP_BYTES = Math.ceil(EPOCHS_PER_DAY / 8);

export function dayOf(epoch: number): number {
  return Math.floor(epoch / EPOCHS_PER_DAY);
}

/** Byte and mask of `epoch`'s bit in its day's bitmap. */
export function epochBit(epoch: number): { byte: number; mask: number } {
  const k = epoch - dayOf(epoch) * EPOCHS_PER_DAY;
  return { byte: k >> 3, mask: 1 << (k & 7) };
}
