import type pg from "pg";
import { withTransaction } from "./withTransaction.js";

export type SaveStagedEpochParameters = {
  pool: pg.Pool;
  epoch: number;
  stateSlot: number;
  dependentRoot: string;
  /** Block root (0x hex) of each slot of the epoch as read, "" for an empty slot. */
  blockRoots: string[];
  /** Opaque chunks of the read (the ingester's encoding), stored in order. */
  parts: Buffer[];
};

/**
 * Stages one epoch read near the head (replacing an earlier staging of it) in one transaction:
 * a restart finds either the whole read or none of it.
 */
export async function saveStagedEpoch({
  pool,
  epoch,
  stateSlot,
  dependentRoot,
  blockRoots,
  parts,
}: SaveStagedEpochParameters): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query("DELETE FROM staged_epoch WHERE epoch = $1", [epoch]);
    await client.query(
      "INSERT INTO staged_epoch (epoch, state_slot, dependent_root, block_roots) VALUES ($1, $2, $3, $4)",
      [epoch, stateSlot, dependentRoot, blockRoots],
    );
    for (let k = 0; k < parts.length; k++) {
      await client.query("INSERT INTO staged_epoch_part (epoch, part, data) VALUES ($1, $2, $3)", [
        epoch,
        k,
        parts[k],
      ]);
    }
  });
}
