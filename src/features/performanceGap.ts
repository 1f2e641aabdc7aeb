/**
 * How far an operator's attestation performance (included / assigned) is under the network's over
 * the same window; 0 at or above it. Against the network, not the batch's median operator, so a
 * vector does not depend on which other operators are scored with it.
 */
export function performanceGap(performance: number, network: number): number {
  return Math.max(0, network - performance);
}
