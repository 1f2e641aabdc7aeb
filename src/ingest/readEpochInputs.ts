import {
  BeaconError,
  fetchAttestationRewards,
  fetchBlock,
  fetchProposerDuties,
  fetchSyncCommittee,
  fetchValidators,
  type BeaconClient,
  type BlockFacts,
  type ProposerDuties,
  type ValidatorColumns,
} from "../beacon/index.js";
import type { EpochInputs } from "./buildEpoch.js";
import { computeProposerDuties } from "./computeProposerDuties.js";
import { firstSlot } from "./epochSlots.js";

export type ReadEpochInputsParameters = {
  beacon: BeaconClient;
  epoch: number;
  /** Timeout for the huge all-validator answers (they take seconds at mainnet scale). */
  bulkTimeoutMs: number;
  /** Blocks fetched at once within the epoch. */
  blockConcurrency: number;
  /** Duties read while the epoch was current or next (non-archive nodes refuse them later). */
  duties?: ProposerDuties;
};

export type ReadEpochInputsReturnType = {
  inputs: EpochInputs;
  /** Slot of the state the validators were read from. */
  stateSlot: number;
  /** The duties' dependent root: promotion checks it is still canonical. */
  dependentRoot: string;
};

/**
 * Everything the node says about one epoch. States are asked by slot where a non-archive node
 * keeps them: the validators (and the sync committee) from
 * the first slot of the next epoch, or when that slot is empty (no state by slot there), from
 * the next slot with a block (every state of that epoch before its first block shows the same
 * balances; a later block adds only its own withdrawals and rewards).
 */
export async function readEpochInputs({
  beacon,
  epoch,
  bulkTimeoutMs,
  blockConcurrency,
  duties,
}: ReadEpochInputsParameters): Promise<ReadEpochInputsReturnType> {
  const spe = beacon.slotsPerEpoch;
  // The blocks and the two huge answers at once: they stream into compact columns, so holding
  // both costs little memory. Where the node has cores of its own its serializing overlaps this
  // parsing; on the 2-core bench machine, simulator included, it measured the same as one after
  // the other (14.9 s against 14.8 s).
  const [blocks, { validators, stateSlot }, rewards] = await Promise.all([
    fetchBlocks(beacon, firstSlot(epoch, spe), spe, blockConcurrency),
    fetchEndOfEpochValidators(beacon, epoch, bulkTimeoutMs),
    fetchAttestationRewards({ beacon, epoch, timeoutMs: bulkTimeoutMs }),
  ]);
  const proposers = duties ?? (await dutiesOrComputed(beacon, epoch, blocks, bulkTimeoutMs));
  // A state knows its own and the previous sync-committee period's members only through a state
  // of that period: the end-of-epoch state unless the next epoch starts a new period, else the
  // epoch's first slot with a block (the newer state stays served for longer).
  const period = (e: number) =>
    Math.floor(e / Number(beacon.spec.EPOCHS_PER_SYNC_COMMITTEE_PERIOD));
  const syncSlot =
    period(epoch + 1) === period(epoch)
      ? stateSlot
      : (blocks.find((b) => b !== null)?.slot ?? firstSlot(epoch, spe));
  const syncCommittee = await fetchSyncCommittee({ beacon, stateId: syncSlot, epoch });
  return {
    inputs: { epoch, validators, rewards, duties: proposers.duties, blocks, syncCommittee },
    stateSlot,
    dependentRoot: proposers.dependentRoot,
  };
}

/** The node's duties, or, once a non-archive node refuses them, the spec's computation. */
async function dutiesOrComputed(
  beacon: BeaconClient,
  epoch: number,
  blocks: (BlockFacts | null)[],
  timeoutMs: number,
): Promise<ProposerDuties> {
  try {
    return await fetchProposerDuties({ beacon, epoch });
  } catch (error) {
    if (!(error instanceof BeaconError && error.code === "BEACON_NOT_SERVED")) throw error;
    const computed = await computeProposerDuties({ beacon, epoch, blocks, timeoutMs });
    if (!computed) throw error;
    return computed;
  }
}

async function fetchEndOfEpochValidators(
  beacon: BeaconClient,
  epoch: number,
  timeoutMs: number,
): Promise<{ validators: ValidatorColumns; stateSlot: number }> {
  const from = firstSlot(epoch + 1, beacon.slotsPerEpoch);
  for (let stateSlot = from; ; stateSlot++) {
    try {
      return {
        validators: await fetchValidators({ beacon, stateId: stateSlot, timeoutMs }),
        stateSlot,
      };
    } catch (error) {
      const emptySlot =
        error instanceof BeaconError && error.code === "BEACON_NOT_SERVED" && error.status === 404;
      if (!emptySlot || stateSlot + 1 >= from + beacon.slotsPerEpoch) throw error;
    }
  }
}

async function fetchBlocks(
  beacon: BeaconClient,
  from: number,
  count: number,
  concurrency: number,
): Promise<(BlockFacts | null)[]> {
  const out: (BlockFacts | null)[] = new Array(count).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const k = next++;
      out[k] = await fetchBlock({ beacon, slot: from + k });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}
