import type { Ingester } from "../../src/ingest/index.js";
import type { StartSimulatorReturnType } from "../../src/simulator/index.js";
import { createNotifier } from "./createNotifier.js";

export type CreateHeadStepperParameters = {
  sim: StartSimulatorReturnType;
  ingester: Ingester;
  /** How long one step may wait for the follower to stage at the new head. */
  stepTimeoutMs?: number;
};

export type HeadStepper = {
  /** The follower's onHead, as the worker wires it with INGEST_NEAR_HEAD=on, telling the steps. */
  onHead(headSlot: number): Promise<void>;
  /** Moves the head a quarter epoch at a time up to the first slot of `toEpoch`, each step once staged. */
  advance(toEpoch: number): Promise<void>;
};

/**
 * Drives a non-archive simulator's head for a follower test. A real head moves an epoch every 6.4
 * minutes and the follower has many rounds at each; this one moves only when told, so every step
 * waits until the follower has staged at the node's new head (the event, not a polling tick). At
 * an empty slot the node's head is its last block, so that is the slot a step waits for.
 */
export function createHeadStepper({
  sim,
  ingester,
  stepTimeoutMs = 20_000,
}: CreateHeadStepperParameters): HeadStepper {
  const staged = createNotifier();
  let stagedHead = -1;
  return {
    async onHead(headSlot) {
      await ingester.stageNearHead(headSlot);
      stagedHead = headSlot;
      staged.notify();
    },
    async advance(toEpoch) {
      const spe = sim.chain.constants.SLOTS_PER_EPOCH;
      for (let slot = sim.headSlot() + spe / 4; slot <= toEpoch * spe; slot += spe / 4) {
        sim.advanceToSlot(slot);
        const head = sim.chain.blockSlotAt(slot);
        await staged.until(() => stagedHead >= head, {
          timeoutMs: stepTimeoutMs,
          what: `the follower staging at head ${head}`,
        });
      }
    },
  };
}
