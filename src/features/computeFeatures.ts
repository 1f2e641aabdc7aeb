import { networkReference } from "./networkReference.js";
import { operatorFeatureVector } from "./operatorFeatureVector.js";
import { summarizeWindows } from "./summarizeWindows.js";
import type {
  FeatureVector,
  NetworkEpochAggregate,
  OperatorEpochAggregate,
  SlashingEvent,
} from "./types.js";

export type ComputeFeaturesParameters = {
  /** Per-operator aggregates; at least the 30 days ending at `atEpoch` are needed. */
  operators: ReadonlyMap<string, readonly OperatorEpochAggregate[]>;
  network: readonly NetworkEpochAggregate[];
  slashings: readonly SlashingEvent[];
  atEpoch: number;
};

/**
 * Feature vectors of a batch of operators at one epoch. The batch matters: relative performance
 * compares each operator with the median operator of the same batch and window.
 */
export function computeFeatures({
  operators,
  network,
  slashings,
  atEpoch,
}: ComputeFeaturesParameters): FeatureVector[] {
  const ids = [...operators.keys()];
  const windows = ids.map((id) =>
    summarizeWindows({ aggregates: operators.get(id) ?? [], atEpoch }),
  );
  const reference = networkReference({
    network: summarizeWindows({ aggregates: network, atEpoch }),
    operators: windows,
  });
  return ids.map((operatorId, i) =>
    operatorFeatureVector({ operatorId, atEpoch, windows: windows[i], reference, slashings }),
  );
}
