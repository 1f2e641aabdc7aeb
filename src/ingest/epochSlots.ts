/**
 * An epoch's inputs are final once the finalized checkpoint is at least two epochs later:
 * attestations for epoch E may be included until the end of E+1, and its rewards are applied
 * at the start of E+2.
 */
export const FINALITY_MARGIN_EPOCHS = 2;

export function lastIngestableEpoch(finalizedEpoch: number): number {
  return finalizedEpoch - FINALITY_MARGIN_EPOCHS;
}

export function firstSlot(epoch: number, slotsPerEpoch: number): number {
  return epoch * slotsPerEpoch;
}
