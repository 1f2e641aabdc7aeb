import type { Ingester } from "../../src/ingest/index.js";
import type { StartSimulatorReturnType } from "../../src/simulator/index.js";

export type AdvanceStagingParameters = {
  sim: StartSimulatorReturnType;
  ingester: Ingester;
  toEpoch: number;
};

/**
 * Moves a pruned simulator's head a quarter epoch at a time up to the first slot of `toEpoch`,
 * staging after every step as the follower does on each new head: every epoch is read while the
 * non-archive node still serves it, and promoted from the staging once final.
 */
export async function advanceStaging({
  sim,
  ingester,
  toEpoch,
}: AdvanceStagingParameters): Promise<void> {
  const spe = sim.chain.constants.SLOTS_PER_EPOCH;
  await ingester.stageNearHead(sim.headSlot());
  for (let slot = sim.headSlot() + spe / 4; slot <= toEpoch * spe; slot += spe / 4) {
    sim.advanceToSlot(slot);
    await ingester.stageNearHead(slot);
  }
}
