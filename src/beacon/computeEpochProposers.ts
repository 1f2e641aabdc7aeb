import { createHash } from "node:crypto";
import { DOMAIN_BEACON_PROPOSER, ForkSeq } from "@lodestar/params";
import { computeProposerIndex } from "@lodestar/state-transition";

export type ComputeEpochProposersParameters = {
  epoch: number;
  slotsPerEpoch: number;
  /**
   * The spec's `get_randao_mix(state, epoch − MIN_SEED_LOOKAHEAD − 1)`: the mix of epoch − 2 as a
   * state of the epoch holds it (Beacon API `states/{id}/randao?epoch=E−2`); for epochs 0 and 1
   * the genesis mix.
   */
  seedMix: Uint8Array;
  /** Indices active in `epoch`, ascending (the spec's `get_active_validator_indices`). */
  activeIndices: Uint32Array;
  /** Effective balance of every validator at the start of `epoch`, in increments (1 ETH). */
  effectiveBalanceIncrements: Uint16Array;
};

/** Proposer index of each slot of the epoch, in slot order. */
export type ComputeEpochProposersReturnType = Uint32Array;

/**
 * The consensus spec's proposer selection from Electra on (`get_beacon_proposer_index`):
 * seed = H(DOMAIN_BEACON_PROPOSER ‖ epoch ‖ mix), per slot H(seed ‖ slot), then
 * `compute_proposer_index` (swap-or-not shuffle, 16-bit effective-balance acceptance against
 * MAX_EFFECTIVE_BALANCE_ELECTRA) as implemented by `@lodestar/state-transition`. Used by the
 * simulator to choose proposers and by the ingester when a node no longer serves the duties.
 */
export function computeEpochProposers({
  epoch,
  slotsPerEpoch,
  seedMix,
  activeIndices,
  effectiveBalanceIncrements,
}: ComputeEpochProposersParameters): ComputeEpochProposersReturnType {
  const epochSeed = createHash("sha256")
    .update(DOMAIN_BEACON_PROPOSER)
    .update(uint64le(epoch))
    .update(seedMix)
    .digest();
  const out = new Uint32Array(slotsPerEpoch);
  for (let k = 0; k < slotsPerEpoch; k++) {
    const slotSeed = createHash("sha256")
      .update(epochSeed)
      .update(uint64le(epoch * slotsPerEpoch + k))
      .digest();
    out[k] = computeProposerIndex(
      ForkSeq.electra,
      effectiveBalanceIncrements,
      activeIndices,
      slotSeed,
    );
  }
  return out;
}

function uint64le(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}
