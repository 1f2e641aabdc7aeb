export type EpochAttributionParameters = {
  /** Operator ordinal of each validator index (-1: none), as buildEpoch summed the epoch. */
  operatorOf: Int32Array;
  /** The ingester's operator list the ordinals index. */
  operatorIds: readonly string[];
};

export type EpochAttributionReturnType = {
  /** The operators the epoch's validators belong to, in order of first appearance. */
  operatorIds: string[];
  /** Index into `operatorIds` of each validator index, -1 for none. */
  operators: Int32Array;
};

/**
 * The epoch's validator → operator attribution as it is stored with the epoch: re-indexed onto
 * the operators that appear, since the ingester's list holds every known operator and its
 * ordinals are only meaningful inside one process.
 */
export function epochAttribution({
  operatorOf,
  operatorIds,
}: EpochAttributionParameters): EpochAttributionReturnType {
  // An array, not a Map: this runs once per validator (a million an epoch on mainnet).
  const dense = new Int32Array(operatorIds.length).fill(-1);
  const ids: string[] = [];
  const operators = new Int32Array(operatorOf.length);
  for (let i = 0; i < operatorOf.length; i++) {
    const ordinal = operatorOf[i];
    if (ordinal < 0) {
      operators[i] = -1;
      continue;
    }
    let d = dense[ordinal];
    if (d < 0) {
      d = ids.length;
      ids.push(operatorIds[ordinal]);
      dense[ordinal] = d;
    }
    operators[i] = d;
  }
  return { operatorIds: ids, operators };
}
