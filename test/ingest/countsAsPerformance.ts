import type { Chain } from "../../src/simulator/index.js";

/**
 * Whether ingestion counts validator `index`'s duties of `epoch` in the performance aggregates,
 * from the simulator's truth: active in the epoch and not slashed by its end. A slashed validator
 * stays in committees until its exit, but the spec's `get_unslashed_participating_indices` leaves
 * it out, so its duties are not performance (docs/storage.md, "operator_epoch").
 */
export function countsAsPerformance(chain: Chain, epoch: number, index: number): boolean {
  return (
    String(chain.epochTruth(epoch).statusOf(index)).startsWith("active") &&
    !chain.schedule.isSlashedAt(index, epoch)
  );
}
