import type {
  AttestationRewards,
  BlockFacts,
  ProposerDuty,
  ValidatorColumns,
} from "../beacon/index.js";
import type { EpochAggregate } from "../features/types.js";
import {
  FLAG_DUTY,
  FLAG_HEAD_HIT,
  FLAG_SLASHED,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
  createPackedEpoch,
  getBalance,
  setBalance,
} from "../db/packedEpoch.js";
import type { BuiltEpoch, ProposalRow, SlashingRow } from "../db/builtEpoch.js";
import type { RegistrySnapshot } from "../db/registrySnapshot.js";
import { emptySetAggregate } from "../db/emptySetAggregate.js";
import { statusCode } from "../db/validatorStatus.js";
import { diffRegistry } from "./registry.js";

export type EpochInputs = {
  epoch: number;
  validators: ValidatorColumns;
  rewards: AttestationRewards;
  duties: ProposerDuty[];
  /** One entry per slot of the epoch, null for an empty slot. */
  blocks: (BlockFacts | null)[];
  /** Validator index at each sync-committee position. */
  syncCommittee: number[];
};

export type EpochContext = {
  registry: RegistrySnapshot;
  /** Balances (lo/hi u32 pairs) at the end of the previous epoch, when it was ingested. */
  previousBalance: Uint32Array | null;
  /** Operator ordinal of each validator index (-1: not yet mapped). */
  operatorOf: (index: number) => number;
};

/**
 * Everything one epoch writes, computed in memory from the node's answers: packed validator
 * arrays, registry changes, proposals, sync participation, slashings and per-operator sums.
 * Pure: no I/O, so the same inputs always give the same epoch.
 */
export function buildEpoch(inputs: EpochInputs, ctx: EpochContext): BuiltEpoch {
  const { epoch, validators, rewards } = inputs;
  const count = validators.count;
  const packed = createPackedEpoch(count);
  const { next: registry, rows: registryRows, changes } = diffRegistry(ctx.registry, validators);

  // Ideal reward per effective balance (in whole ETH) for earned/ideal ratios.
  const idealByEb = new Map(rewards.ideal.map((r) => [Math.round(r.effectiveBalance / 1e9), r]));

  // A validator is newly slashed in the epoch whose blocks include its slashing (the spec sets
  // `slashed` at inclusion). Without the previous epoch stored (a gap before this one), a flag
  // that appeared since the registry was last seen is not attributed here: it belongs to an
  // epoch of the gap, which records it from its own blocks when it is ingested.
  const slashedBefore = ctx.registry;
  const includedHere = new Set<number>();
  for (const block of inputs.blocks)
    for (const s of block?.slashings ?? []) for (const i of s.offendingIndices) includedHere.add(i);
  const registryContiguous = ctx.previousBalance !== null;
  const newlySlashed = new Uint8Array(count);
  const statusCodes = validators.statuses.map(statusCode);
  for (let k = 0; k < count; k++) {
    const i = validators.index[k];
    packed.status[i] = statusCodes[validators.status[k]];
    packed.effectiveBalanceEth[i] = Math.round(validators.effectiveBalance[k] / 1e9);
    setBalance(packed, i, validators.balance[k]);
    if (validators.slashed[k]) {
      packed.flags[i] |= FLAG_SLASHED;
      const wasSlashed = i < slashedBefore.count && slashedBefore.slashed[i] !== 0;
      if (!wasSlashed && (includedHere.has(i) || registryContiguous)) newlySlashed[i] = 1;
    }
  }
  for (let k = 0; k < rewards.validatorIndex.length; k++) {
    const i = rewards.validatorIndex[k];
    if (i >= count) continue;
    packed.rewardSource[i] = Math.round(rewards.source[k]);
    packed.rewardTarget[i] = Math.round(rewards.target[k]);
    packed.rewardHead[i] = Math.round(rewards.head[k]);
    packed.rewardInactivity[i] = Math.round(rewards.inactivity[k]);
    // Nodes also report slashed validators that have exited but are not yet withdrawable (the
    // spec's eligible validators, still penalised). A duty is counted only for validators active
    // in the epoch: exited ones cannot attest, and their penalties are in the balance delta.
    let f = isActive(registry, i, epoch) ? FLAG_DUTY : 0;
    f |= timelinessFlags(
      rewards.source[k],
      rewards.target[k],
      rewards.head[k],
      idealByEb.get(packed.effectiveBalanceEth[i]),
    );
    packed.flags[i] |= f;
  }

  const operators: BuiltEpoch["operators"] = new Map();
  const opAgg = (ordinal: number) => {
    let a = operators.get(ordinal);
    if (!a) {
      a = emptySetAggregate(epoch);
      operators.set(ordinal, a);
    }
    return a;
  };
  const network = emptySetAggregate(epoch);

  // Performance tallies (attestation, proposal and sync duties, rewards, misses, inactivity) leave
  // out validators slashed at this epoch. The spec keeps such a validator in committees until its
  // exit, but `get_unslashed_participating_indices` never counts its votes, so it is penalised for
  // every source and target duty whatever it does, and `process_block_header` rejects its
  // proposals. Counted as misses, those duties would price the slashing a second time as an outage
  // in the performance features; src/loss prices the slashing itself. The counts that are not
  // performance (validators, active validators, balances and their delta, newly slashed, exited)
  // keep them.
  const slashedAt = (i: number) => i < count && (packed.flags[i] & FLAG_SLASHED) !== 0;

  const operatorOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const ordinal = ctx.operatorOf(i);
    operatorOf[i] = ordinal;
    const op = ordinal >= 0 ? opAgg(ordinal) : undefined;
    const balance = getBalance(packed, i);
    const active = isActive(registry, i, epoch);
    const ebGwei = packed.effectiveBalanceEth[i] * 1e9;
    const delta =
      ctx.previousBalance && i * 2 + 1 < ctx.previousBalance.length
        ? balance - getBalance({ balance: ctx.previousBalance }, i)
        : 0;
    const exited = registry.exitEpoch[i] === epoch ? 1 : 0;
    for (const a of op ? [network, op] : [network]) {
      a.validators++;
      if (active) {
        a.activeValidators++;
        a.effectiveBalanceGwei += ebGwei;
      }
      a.balanceGwei += balance;
      // A slashed validator's delta (its penalties) stays: the delta is what the balances did, the
      // slashing-loss half of the training label (src/model/severeLoss) and the training
      // simulator's balance delta (src/model/simulateOperator) both include it.
      a.balanceDeltaGwei += delta;
      a.exitedValidators += exited;
      a.newlySlashed += newlySlashed[i];
      const f = packed.flags[i];
      if (f & FLAG_DUTY && !(f & FLAG_SLASHED)) {
        const ideal = idealByEb.get(packed.effectiveBalanceEth[i]);
        const at = a.attestations;
        at.duties++;
        at.sourceEarned += packed.rewardSource[i];
        at.targetEarned += packed.rewardTarget[i];
        at.headEarned += packed.rewardHead[i];
        at.inactivityPenalty -= packed.rewardInactivity[i];
        if (ideal) {
          at.sourceIdeal += ideal.source;
          at.targetIdeal += ideal.target;
          at.headIdeal += ideal.head;
        }
        if (!(f & FLAG_SOURCE_HIT)) at.sourceMisses++;
        if (!(f & FLAG_TARGET_HIT)) at.targetMisses++;
        if (!(f & FLAG_HEAD_HIT)) at.headMisses++;
      }
    }
  }

  // Withdrawals leave the balance between two epochs: add them back (deposits the other way).
  for (const block of inputs.blocks) {
    if (!block) continue;
    for (const w of block.withdrawals) addDelta(w.validatorIndex, w.amountGwei);
  }
  function addDelta(index: number, gwei: number) {
    if (!ctx.previousBalance) return;
    network.balanceDeltaGwei += gwei;
    const ordinal = ctx.operatorOf(index);
    if (ordinal >= 0) opAgg(ordinal).balanceDeltaGwei += gwei;
  }

  const proposals: ProposalRow[] = [];
  const blockBySlot = new Map(
    inputs.blocks.filter((b): b is BlockFacts => b !== null).map((b) => [b.slot, b]),
  );
  for (const duty of inputs.duties) {
    const block = blockBySlot.get(duty.slot);
    const produced = block !== undefined && block.proposerIndex === duty.validatorIndex;
    proposals.push({
      slot: duty.slot,
      epoch,
      proposerIndex: duty.validatorIndex,
      produced,
      blockRoot: produced ? block.blockRoot : null,
    });
    if (slashedAt(duty.validatorIndex)) continue;
    const targets: EpochAggregate[] = [network];
    const ordinal = ctx.operatorOf(duty.validatorIndex);
    if (ordinal >= 0) targets.push(opAgg(ordinal));
    for (const a of targets) {
      a.proposals.duties++;
      if (produced) a.proposals.produced++;
    }
  }

  const members = Int32Array.from(inputs.syncCommittee);
  const participated = new Uint8Array(members.length);
  let slotsWithBlock = 0;
  for (const block of inputs.blocks) {
    if (!block?.syncBits) continue;
    slotsWithBlock++;
    block.syncBits.forEach((bit, position) => {
      if (bit && position < participated.length) participated[position]++;
    });
  }
  for (let position = 0; position < members.length; position++) {
    if (slashedAt(members[position])) continue;
    const targets: EpochAggregate[] = [network];
    const ordinal = ctx.operatorOf(members[position]);
    if (ordinal >= 0) targets.push(opAgg(ordinal));
    for (const a of targets) {
      a.sync.duties += slotsWithBlock;
      a.sync.participated += participated[position];
    }
  }

  const slashings: SlashingRow[] = [];
  for (const block of inputs.blocks) {
    for (const s of block?.slashings ?? []) slashings.push({ ...s, slot: block!.slot, epoch });
  }

  return {
    epoch,
    packed,
    idealRewards: rewards.ideal,
    registry,
    registryRows,
    changes,
    proposals,
    slashings,
    sync: { slotsWithBlock, members, participated },
    network,
    operatorOf,
    operators,
  };
}

/**
 * Which timeliness flags a validator earned, read from its rewards as the spec assigns them
 * (Altair `get_flag_index_deltas`): a missed source or target vote is always penalised (< 0),
 * a timely one earns ≥ 0, and exactly 0 during an inactivity leak, so "reward > 0" would count
 * every leak-epoch vote as missed. A head vote is never penalised: outside a leak a timely
 * one earns > 0; during a leak (the ideal head reward is 0) timely and missed both earn 0, and
 * since a timely head requires a timely, matching target, a head counts as hit when the target did.
 */
export function timelinessFlags(
  source: number,
  target: number,
  head: number,
  ideal: { head: number } | undefined,
): number {
  let f = 0;
  if (source >= 0) f |= FLAG_SOURCE_HIT;
  if (target >= 0) f |= FLAG_TARGET_HIT;
  const leak = ideal !== undefined && ideal.head === 0;
  if (head > 0 || (leak && target >= 0)) f |= FLAG_HEAD_HIT;
  return f;
}

function isActive(r: RegistrySnapshot, i: number, epoch: number): boolean {
  const activation = r.activationEpoch[i];
  const exit = r.exitEpoch[i];
  return activation >= 0 && activation <= epoch && (exit < 0 || epoch < exit);
}
