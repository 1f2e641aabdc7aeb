import {
  computeEpochProposers,
  fetchBlockRoot,
  fetchRandao,
  fetchValidators,
  type BeaconClient,
  type BlockFacts,
  type ProposerDuties,
} from "../beacon/index.js";
import { firstSlot } from "./epochSlots.js";

export type ComputeProposerDutiesParameters = {
  beacon: BeaconClient;
  epoch: number;
  /** The epoch's blocks, already read: the state at the first of them is the one asked. */
  blocks: (BlockFacts | null)[];
  timeoutMs: number;
};

/**
 * The proposers of `epoch` computed by the spec from what a non-archive node still serves once it
 * refuses the duties: the RANDAO mix of epoch − 2 and the validators (active set, effective
 * balances) of a state in the epoch, the one at its first block (a node keeps states by slot only
 * where a block is, and effective balances are constant within an epoch). Undefined when the
 * epoch has no block (no state of it can be asked by slot), and for epochs 0 and 1.
 */
export async function computeProposerDuties({
  beacon,
  epoch,
  blocks,
  timeoutMs,
}: ComputeProposerDutiesParameters): Promise<ProposerDuties | undefined> {
  const spe = beacon.slotsPerEpoch;
  const stateSlot = blocks.find((b) => b !== null)?.slot;
  // Epochs 0 and 1 draw on the genesis mixes, which the Beacon API cannot name by epoch.
  if (stateSlot === undefined || epoch < 2) return undefined;
  const seedMix = await fetchRandao({ beacon, stateId: stateSlot, epoch: epoch - 2 });
  const validators = await fetchValidators({ beacon, stateId: stateSlot, timeoutMs });
  const increments = new Uint16Array(validators.count);
  const active = new Uint32Array(validators.count);
  let count = 0;
  for (let k = 0; k < validators.count; k++) {
    const i = validators.index[k];
    increments[i] = Math.floor(validators.effectiveBalance[k] / 1e9);
    if (validators.activationEpoch[k] <= epoch && epoch < validators.exitEpoch[k])
      active[count++] = i;
  }
  const proposers = computeEpochProposers({
    epoch,
    slotsPerEpoch: spe,
    seedMix,
    activeIndices: active.subarray(0, count),
    effectiveBalanceIncrements: increments,
  });
  const start = firstSlot(epoch, spe);
  return {
    dependentRoot: await dependentRoot(beacon, start),
    duties: [...proposers].map((validatorIndex, k) => ({ slot: start + k, validatorIndex })),
  };
}

/** The spec's proposer dependent root: the last block before the epoch (genesis for epoch 0). */
async function dependentRoot(beacon: BeaconClient, start: number): Promise<string> {
  for (let slot = start - 1; slot > 0; slot--) {
    const root = await fetchBlockRoot({ beacon, slot });
    if (root !== null) return root;
  }
  return (await fetchBlockRoot({ beacon, slot: 0 }))!;
}
