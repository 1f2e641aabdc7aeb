import { attestationPerformance } from "./attestationPerformance.js";
import { medianPerformance } from "./medianPerformance.js";
import type { WindowSummaries } from "./summarizeWindows.js";
import { WINDOWS, type WindowName } from "./types.js";

/** What an operator is compared with: the network's own sums and the median operator. */
export type NetworkReference = {
  network: WindowSummaries;
  /** Median operator attestation performance per window (network aggregate when no operators). */
  medianPerformance: Record<WindowName, number | undefined>;
};

export type NetworkReferenceParameters = {
  network: WindowSummaries;
  /** Window summaries of every operator scored in the same batch. */
  operators: readonly WindowSummaries[];
};

export function networkReference({
  network,
  operators,
}: NetworkReferenceParameters): NetworkReference {
  const median = {} as Record<WindowName, number | undefined>;
  for (const w of Object.keys(WINDOWS) as WindowName[]) {
    median[w] =
      medianPerformance(operators.map((o) => attestationPerformance(o[w]))) ??
      attestationPerformance(network[w]);
  }
  return { network, medianPerformance: median };
}
