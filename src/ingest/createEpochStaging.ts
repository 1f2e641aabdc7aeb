import {
  BeaconError,
  fetchBlockRoot,
  fetchProposerDuties,
  toHex,
  type BeaconClient,
  type ProposerDuties,
} from "../beacon/index.js";
import type { Logger } from "../common/logger.js";
import {
  discardStagedEpochs,
  ingestedEpochs,
  loadStagedEpoch,
  saveStagedEpoch,
  stagedEpochNumbers,
  type Db,
  type StagedEpochHeader,
} from "../db/index.js";
import { decodeStagedRead } from "./decodeStagedRead.js";
import { encodeStagedRead } from "./encodeStagedRead.js";
import { firstSlot } from "./epochSlots.js";
import { IngestError } from "./errors.js";
import { readEpochInputs, type ReadEpochInputsReturnType } from "./readEpochInputs.js";

export type CreateEpochStagingParameters = {
  beacon: BeaconClient;
  db: Db;
  logger: Logger;
  bulkTimeoutMs: number;
  blockConcurrency: number;
  /** No epoch before this one is staged (nothing will ingest it: the follower starts later). */
  stageFromEpoch?: number;
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
  /** Drops the staged read of an epoch once it is promoted (stored as final). */
  promoted(epoch: number): Promise<void>;
  /** Epochs staged and not yet promoted. */
  stagedEpochs(): Promise<number[]>;
};

/** Staged epochs older than this many epochs behind the head are dropped (they finalized long ago). */
const KEEP_EPOCHS = 16;

/**
 * The staging area of the non-archive design (docs/storage.md): epochs read near the head are
 * kept in PostgreSQL (`staged_epoch`, so a restart keeps them and any process of the deployment
 * can promote them) and never served; `takeCanonical` hands one over once it is final and its
 * block roots are canonical. Duties are kept in memory: after a restart, proposers of epochs whose
 * duties the node no longer serves are computed by the spec (computeProposerDuties).
 */
export function createEpochStaging({
  beacon,
  db,
  logger,
  bulkTimeoutMs,
  blockConcurrency,
  stageFromEpoch = 0,
}: CreateEpochStagingParameters): EpochStaging {
  const log = logger.child({ module: "staging" });
  const spe = beacon.slotsPerEpoch;
  const duties = new Map<number, ProposerDuties & { readInEpoch: number }>();
  const refused = new Set<number>();

  async function stageNearHead(headSlot: number) {
    const headEpoch = Math.floor(headSlot / spe);
    // Next-epoch duties are a forecast (effective balances change at the epoch boundary): read
    // them again once their epoch is current, when their dependent root is settled.
    for (const e of [headEpoch, headEpoch + 1]) {
      const known = duties.get(e);
      if (!known || known.readInEpoch < e)
        duties.set(e, {
          ...(await fetchProposerDuties({ beacon, epoch: e })),
          readInEpoch: headEpoch,
        });
    }
    // Rewards of E come from the state at the end of E + 1; a non-archive node drops it once
    // E + 2 is finalized. Read the newest epochs first: they are the ones still served.
    const newest = Math.floor((headSlot + 1) / spe) - 2;
    const staged = new Set(await stagedEpochNumbers(db.pool));
    // A reorg must be caught while the node still serves the epoch, not at promotion when a
    // non-archive node no longer does: a replaced block changes the root of every later block,
    // so the epoch's last staged block root tells (takeCanonical checks every slot again).
    for (const e of staged) {
      const header = await loadStagedEpoch({ pool: db.pool, epoch: e });
      const last = header?.blockRoots.findLastIndex((r) => r !== "") ?? -1;
      if (
        !header ||
        last < 0 ||
        (await fetchBlockRoot({ beacon, slot: firstSlot(e, spe) + last })) ===
          header.blockRoots[last]
      )
        continue;
      await discardStagedEpochs({ pool: db.pool, epochs: [e] });
      staged.delete(e);
      log.warn(
        { epoch: e },
        "a reorg replaced blocks of a staged epoch: discarding it and reading it again",
      );
    }
    for (let e = newest; e >= Math.max(stageFromEpoch, newest - 2); e--) {
      if (staged.has(e) || refused.has(e) || (await ingestedEpochs(db.pool, e, e)).has(e)) continue;
      try {
        const read = await readEpochInputs({
          beacon,
          epoch: e,
          bulkTimeoutMs,
          blockConcurrency,
          duties: duties.get(e),
        });
        const blockRoots = read.inputs.blocks.map((b) => (b ? toHex(b.blockRoot) : ""));
        await saveStagedEpoch({
          pool: db.pool,
          epoch: e,
          stateSlot: read.stateSlot,
          dependentRoot: read.dependentRoot,
          blockRoots,
          parts: encodeStagedRead(read),
        });
        log.debug({ epoch: e, headSlot }, "epoch staged");
      } catch (error) {
        if (!(error instanceof BeaconError && error.code === "BEACON_NOT_SERVED")) throw error;
        refused.add(e);
        log.warn(
          { epoch: e, err: error.shortMessage },
          "the node no longer serves this epoch: it can only be ingested from an archive node",
        );
      }
    }
    for (const e of duties.keys()) if (e < headEpoch - KEEP_EPOCHS) duties.delete(e);
    for (const e of refused) if (e < headEpoch - KEEP_EPOCHS) refused.delete(e);
    // Promoted epochs whose row outlived a crash, and reads that finalized long ago unpromoted.
    await discardStagedEpochs({ pool: db.pool, olderThan: headEpoch - KEEP_EPOCHS });
  }

  async function takeCanonical(epoch: number) {
    const staged = await loadStagedEpoch({ pool: db.pool, epoch });
    if (!staged) return undefined;
    const mismatch = await firstMismatch(staged);
    if (mismatch !== undefined) {
      await discardStagedEpochs({ pool: db.pool, epochs: [epoch] });
      log.warn(
        { epoch, at: mismatch },
        "a reorg replaced blocks of the staged epoch: discarding it and reading it again",
      );
      return undefined;
    }
    try {
      return decodeStagedRead(await staged.parts());
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      await discardStagedEpochs({ pool: db.pool, epochs: [epoch] });
      log.warn(
        { epoch, err: error.shortMessage },
        "staged read unusable: discarding it and reading the epoch again",
      );
      return undefined;
    }
  }

  /** Where the staged read differs from the canonical chain now (a slot, or "dependent_root"). */
  async function firstMismatch({
    epoch,
    blockRoots,
    dependentRoot,
  }: StagedEpochHeader): Promise<number | "dependent_root" | undefined> {
    const start = firstSlot(epoch, spe);
    for (let k = 0; k < spe; k++) {
      const root = await fetchBlockRoot({ beacon, slot: start + k });
      if ((blockRoots[k] || null) !== root) return start + k;
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
    promoted: async (epoch) => {
      await discardStagedEpochs({ pool: db.pool, epochs: [epoch] });
    },
    stagedEpochs: () => stagedEpochNumbers(db.pool),
  };
}
