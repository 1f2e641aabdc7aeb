import { networkReference } from "./networkReference.js";
import { operatorFeatureVector } from "./operatorFeatureVector.js";
import { summarizeWindows } from "./summarizeWindows.js";
import type {
  FeatureVector,
  NetworkEpochAggregate,
  OperatorEpochAggregate,
  ValidatorDuties,
} from "./types.js";

export type ComputeFeaturesParameters = {
  /** Per-operator aggregates; at least the 30 days ending at `atEpoch` are needed. */
  operators: ReadonlyMap<string, readonly OperatorEpochAggregate[]>;
  network: readonly NetworkEpochAggregate[];
  /** Per-operator duties of each validator over the whole days of the window (csmWindowDays). */
  validatorDuties: ReadonlyMap<string, readonly ValidatorDuties[]>;
  atEpoch: number;
};

/**
 * Feature vectors of operators at one epoch. Each depends on the operator's own aggregates and
 * the network's only, not on which other operators are in the batch.
 */
export function computeFeatures({
  operators,
  network,
  validatorDuties,
  atEpoch,
}: ComputeFeaturesParameters): FeatureVector[] {
  const reference = networkReference({
    network: summarizeWindows({ aggregates: network, atEpoch }),
  });
  return [...operators.keys()].map((operatorId) =>
    operatorFeatureVector({
      operatorId,
      atEpoch,
      windows: summarizeWindows({ aggregates: operators.get(operatorId) ?? [], atEpoch }),
      reference,
      validators: validatorDuties.get(operatorId) ?? [],
    }),
  );
}
