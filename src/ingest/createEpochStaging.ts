import { BeaconError, fetchBlockRoot, fetchProposerDuties, toHex, type BeaconClient, type ProposerDuties } from "../beacon/index.js";
import type { Logger } from "../common/logger.js";
import { ingestedEpochs, type Db } from "../db/index.js";
import { firstSlot } from "./epochSlots.js";
import { readEpochInputs, type ReadEpochInputsReturnType } from "./readEpochInputs.js";

export type CreateEpochStagingParameters = {
  beacon: BeaconClient;
  db: Db;
  logger: Logger;
  bulkTimeoutMs: number;
  blockConcurrency: number;
};

export type EpochStaging = {
  /**
   * Called with the node's head on every follower round: keeps the proposer duties of the current
   * and next epoch, and reads every epoch whose rewards the node can answer now (the head has
   * passed the end of the next epoch) and may not answer once it is final.
   */
  stageNearHead(headSlot: number): Promise<void>;
  /**
   * The staged read of a now final epoch when its block roots and its duties' dependent root are
   * the canonical ones; a read that a reorg replaced is discarded (undefined: read it again).
   */
  takeCanonical(epoch: number): Promise<ReadEpochInputsReturnType | undefined>;
  readonly stagedEpochs: readonly number[];
};

/** Staged epochs older than this many epochs behind the head are dropped (they finalized long ago). */
const KEEP_EPOCHS = 16;

/**
 * The staging area of the non-archive design (docs/storage.md): epochs read near the head, held
 * in this process's memory and never written as final until `takeCanonical` finds them canonical
 * after finalization. Nothing here is served: the database holds final epochs only.
 */
export function createEpochStaging({ beacon, db, logger, bulkTimeoutMs, blockConcurrency }: CreateEpochStagingParameters): EpochStaging {
  const log = logger.child({ module: "staging" });
  const spe = beacon.slotsPerEpoch;
  const duties = new Map<number, ProposerDuties & { readInEpoch: number }>();
  const staged = new Map<number, ReadEpochInputsReturnType>();
  const refused = new Set<number>();

  async function stageNearHead(headSlot: number) {
    const headEpoch = Math.floor(headSlot / spe);
    // Next-epoch duties are a forecast (effective balances change at the epoch boundary): read
    // them again once their epoch is current, when their dependent root is settled.
    for (const e of [headEpoch, headEpoch + 1]) {
      const known = duties.get(e);
      if (!known || known.readInEpoch < e) duties.set(e, { ...(await fetchProposerDuties({ beacon, epoch: e })), readInEpoch: headEpoch });
    }
    // Rewards of E come from the state at the end of E + 1; a non-archive node drops it once
    // E + 2 is finalized. Read the newest epochs first: they are the ones still served.
    const newest = Math.floor((headSlot + 1) / spe) - 2;
    for (let e = newest; e >= Math.max(0, newest - 2); e--) {
      if (staged.has(e) || refused.has(e) || (await ingestedEpochs(db.pool, e, e)).has(e)) continue;
      try {
        staged.set(e, await readEpochInputs({ beacon, epoch: e, bulkTimeoutMs, blockConcurrency, duties: duties.get(e) }));
        log.debug({ epoch: e, headSlot }, "epoch staged");
      } catch (error) {
        if (!(error instanceof BeaconError && error.code === "BEACON_NOT_SERVED")) throw error;
        refused.add(e);
        log.warn({ epoch: e, err: error.shortMessage }, "the node no longer serves this epoch: it can only be ingested from an archive node");
      }
    }
    for (const map of [duties, staged]) for (const e of map.keys()) if (e < headEpoch - KEEP_EPOCHS) map.delete(e);
    for (const e of refused) if (e < headEpoch - KEEP_EPOCHS) refused.delete(e);
  }

  async function takeCanonical(epoch: number) {
    const read = staged.get(epoch);
    if (!read) return undefined;
    staged.delete(epoch);
    const mismatch = await firstMismatch(read);
    if (mismatch === undefined) return read;
    log.warn({ epoch, at: mismatch }, "a reorg replaced blocks of the staged epoch: discarding it and reading it again");
    return undefined;
  }

  /** Where the staged read differs from the canonical chain now (a slot, or "dependent_root"). */
  async function firstMismatch({ inputs, dependentRoot }: ReadEpochInputsReturnType): Promise<number | "dependent_root" | undefined> {
    const start = firstSlot(inputs.epoch, spe);
    for (let k = 0; k < spe; k++) {
      const staged = inputs.blocks[k];
      const root = await fetchBlockRoot({ beacon, slot: start + k });
      if ((staged ? toHex(staged.blockRoot) : null) !== root) return start + k;
    }
    // The duties hold for the chain whose last block before the epoch is the dependent root.
    for (let slot = start - 1; slot >= Math.max(0, start - 4 * spe); slot--) {
      const root = await fetchBlockRoot({ beacon, slot });
      if (root !== null) return root === dependentRoot ? undefined : "dependent_root";
    }
    return undefined;
  }

  return {
    stageNearHead,
    takeCanonical,
    get stagedEpochs() {
      return [...staged.keys()].sort((a, b) => a - b);
    },
  };
}
