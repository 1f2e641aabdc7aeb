import type pg from "pg";
import { readStagedParts } from "./readStagedParts.js";

export type StagedEpochHeader = {
  epoch: number;
  stateSlot: number;
  dependentRoot: string;
  blockRoots: string[];
};

export type LoadStagedEpochParameters = { pool: pg.Pool; epoch: number };

export type LoadStagedEpochReturnType =
  | (StagedEpochHeader & { parts(): Promise<Buffer[]> })
  | undefined;

/**
 * The staged read of `epoch`, if any: the header at once (enough to check the block roots are
 * still canonical), the large parts only when asked.
 */
export async function loadStagedEpoch({
  pool,
  epoch,
}: LoadStagedEpochParameters): Promise<LoadStagedEpochReturnType> {
  const { rows } = await pool.query<{
    state_slot: number;
    dependent_root: string;
    block_roots: string[];
  }>("SELECT state_slot, dependent_root, block_roots FROM staged_epoch WHERE epoch = $1", [epoch]);
  if (rows.length === 0) return undefined;
  const r = rows[0];
  return {
    epoch,
    stateSlot: r.state_slot,
    dependentRoot: r.dependent_root,
    blockRoots: r.block_roots,
    parts: () => readStagedParts({ pool, epoch }),
  };
}
