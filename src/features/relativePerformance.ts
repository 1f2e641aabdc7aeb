import { CSM_LEEWAY } from "./featureSpec.js";

export type RelativePerformanceParameters = {
  performance: number;
  /** The network's performance in the same window (its included/assigned). */
  reference: number;
  leeway?: number;
};

export type RelativePerformanceReturnType = {
  /** How far under the reference the operator is (0 when at or above it). */
  shortfall: number;
  /** Lido CSM rule: performance under reference − leeway. */
  underThreshold: boolean;
};

export function relativePerformance({
  performance,
  reference,
  leeway = CSM_LEEWAY,
}: RelativePerformanceParameters): RelativePerformanceReturnType {
  return {
    shortfall: Math.max(0, reference - performance),
    underThreshold: performance < reference - leeway,
  };
}
