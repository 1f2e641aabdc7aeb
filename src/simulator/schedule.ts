import { computeEpochProposers } from "../beacon/computeEpochProposers.js";
import { Tag, createRng, hash32, random01 } from "./random.js";
import { NO_OPERATOR, type Registry } from "./registry.js";
import type { ChainConstants } from "./preset.js";
import type { Scenario } from "./scenario.js";

export const Vote = { attested: 1, headCorrect: 2 } as const;

export type EpochCommittees = {
  epoch: number;
  committeesPerSlot: number;
  /** Active validator indices in shuffled order; committees are consecutive slices. */
  shuffled: Uint32Array;
  committee(slot: number, index: number): Uint32Array;
};

export type MissReason = "offline" | "scheduled" | "slashed";

/** What proposer selection reads from the chain's states (defined after the schedule). */
export type ProposerInputs = {
  /** Effective balances (increments) at the start of `epoch`. */
  effectiveAt(epoch: number): Uint16Array;
  /** The RANDAO mix the spec's seed of `epoch` uses (epoch − 2's, or the genesis mix). */
  seedMixAt(epoch: number): Uint8Array;
};

/**
 * Everything about the chain that does not depend on balances: who is online, who proposes,
 * which slots are missed, committees, votes and sync committees. Pure functions of the
 * scenario, each cached per epoch or period.
 */
export type Schedule = {
  isActive(index: number, epoch: number): boolean;
  isSlashedAt(index: number, epoch: number): boolean;
  exitEpoch(index: number): number;
  withdrawableEpoch(index: number): number;
  offlineMask(epoch: number): Uint8Array;
  proposer(slot: number): number;
  /** Undefined when the block is produced; slot 0 (genesis) is always produced. */
  missReason(slot: number): MissReason | undefined;
  produced(slot: number): boolean;
  committees(epoch: number): EpochCommittees;
  votes(epoch: number): Uint8Array;
  syncCommittee(period: number): Uint32Array;
  /** One byte per sync-committee member: 1 when it signed for the block at `slot`. */
  syncBits(slot: number): Uint8Array;
};

const FAR_FUTURE = Number.POSITIVE_INFINITY;

export function createSchedule(
  scenario: Scenario,
  c: ChainConstants,
  seed: number,
  registry: Registry,
  inputs: ProposerInputs,
): Schedule {
  const n = scenario.validatorCount;
  const { slashEpoch, operatorOrdinal } = registry;
  const ops = scenario.operators;
  const exitDelay = 1 + c.MAX_SEED_LOOKAHEAD;

  const exitEpoch = (i: number) => (slashEpoch[i] < 0 ? FAR_FUTURE : slashEpoch[i] + exitDelay);
  const withdrawableEpoch = (i: number) =>
    slashEpoch[i] < 0 ? FAR_FUTURE : slashEpoch[i] + c.EPOCHS_PER_SLASHINGS_VECTOR;
  const isActive = (i: number, e: number) => slashEpoch[i] < 0 || e < slashEpoch[i] + exitDelay;
  const isSlashedAt = (i: number, e: number) => slashEpoch[i] >= 0 && slashEpoch[i] <= e;

  const offlineCache = new Map<number, Uint8Array>();
  const offlineMask = (e: number): Uint8Array => {
    let mask = offlineCache.get(e);
    if (mask) return mask;
    mask = new Uint8Array(n);
    for (const op of ops) {
      for (const w of op.offline) {
        if (e < w.fromEpoch || e > w.toEpoch) continue;
        // The first ⌈fraction × count⌉ validators of the operator go offline together.
        const k = Math.ceil(w.fraction * op.validatorCount);
        mask.fill(1, op.firstIndex, op.firstIndex + k);
      }
    }
    remember(offlineCache, e, mask, 4);
    return mask;
  };

  // Proposers by the spec (seed from the RANDAO mix, swap-or-not, effective-balance weighting),
  // computed for a whole epoch at once; kept long because blocks of any past slot need them.
  const proposerCache = new Map<number, Uint32Array>();
  const proposer = (slot: number): number => {
    if (slot === 0) return 0; // genesis has no proposal
    const e = Math.floor(slot / c.SLOTS_PER_EPOCH);
    let epochProposers = proposerCache.get(e);
    if (!epochProposers) {
      let count = 0;
      const active = new Uint32Array(n);
      for (let i = 0; i < n; i++) if (isActive(i, e)) active[count++] = i;
      epochProposers = computeEpochProposers({
        epoch: e,
        slotsPerEpoch: c.SLOTS_PER_EPOCH,
        seedMix: inputs.seedMixAt(e),
        activeIndices: active.subarray(0, count),
        effectiveBalanceIncrements: inputs.effectiveAt(e),
      });
      remember(proposerCache, e, epochProposers, 4096);
    }
    return epochProposers[slot % c.SLOTS_PER_EPOCH];
  };

  const missReason = (slot: number): MissReason | undefined => {
    if (slot === 0) return undefined;
    const e = Math.floor(slot / c.SLOTS_PER_EPOCH);
    const v = proposer(slot);
    // The spec may pick a slashed validator that is still active; its block would be invalid.
    if (isSlashedAt(v, e)) return "slashed";
    if (offlineMask(e)[v]) return "offline";
    if (scenario.missedSlots.has(slot)) return "scheduled";
    const ordinal = operatorOrdinal[v];
    const op = ordinal === NO_OPERATOR ? undefined : ops[ordinal];
    if (op?.missedProposalEpochs.has(e)) return "scheduled";
    const rate = op ? op.missedProposalRate : scenario.baseline.missedProposalRate;
    if (random01(seed, Tag.proposalMiss, slot) < rate) return "scheduled";
    return undefined;
  };
  const produced = (slot: number) => missReason(slot) === undefined;

  const committeeCache = new Map<number, EpochCommittees>();
  const committees = (e: number): EpochCommittees => {
    let cached = committeeCache.get(e);
    if (cached) return cached;
    let count = 0;
    const active = new Uint32Array(n);
    for (let i = 0; i < n; i++) if (isActive(i, e)) active[count++] = i;
    const shuffled = active.subarray(0, count);
    // Seeded Fisher–Yates, not the spec's swap-or-not shuffle: same shape, cheaper.
    const rng = createRng(hash32(seed, Tag.shuffle, e));
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    const cps = Math.max(
      1,
      Math.min(
        c.MAX_COMMITTEES_PER_SLOT,
        Math.floor(count / c.SLOTS_PER_EPOCH / c.TARGET_COMMITTEE_SIZE),
      ),
    );
    const total = cps * c.SLOTS_PER_EPOCH;
    cached = {
      epoch: e,
      committeesPerSlot: cps,
      shuffled,
      committee(slot, index) {
        const k = (slot % c.SLOTS_PER_EPOCH) * cps + index;
        return shuffled.subarray(
          Math.floor((count * k) / total),
          Math.floor((count * (k + 1)) / total),
        );
      },
    };
    remember(committeeCache, e, cached, 3);
    return cached;
  };

  const votesCache = new Map<number, Uint8Array>();
  const votes = (e: number): Uint8Array => {
    let out = votesCache.get(e);
    if (out) return out;
    out = new Uint8Array(n);
    const offline = offlineMask(e);
    const missRate = ops.map((o) => o.attestationMissRate);
    const headRate = ops.map((o) => o.headMissRate);
    for (let i = 0; i < n; i++) {
      if (offline[i] || !isActive(i, e) || isSlashedAt(i, e)) continue;
      const ordinal = operatorOrdinal[i];
      const miss =
        ordinal === NO_OPERATOR ? scenario.baseline.attestationMissRate : missRate[ordinal];
      if (random01(seed, Tag.attestationMiss, e, i) < miss) continue;
      const headMiss = ordinal === NO_OPERATOR ? scenario.baseline.headMissRate : headRate[ordinal];
      out[i] =
        Vote.attested | (random01(seed, Tag.headMiss, e, i) < headMiss ? 0 : Vote.headCorrect);
    }
    remember(votesCache, e, out, 3);
    return out;
  };

  const syncCache = new Map<number, Uint32Array>();
  const syncCommittee = (period: number): Uint32Array => {
    let members = syncCache.get(period);
    if (members) return members;
    const e = period * c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD;
    members = new Uint32Array(c.SYNC_COMMITTEE_SIZE);
    // Sampling with replacement, as the spec's does when validators are few. Among the active
    // validators, slashed ones included: `get_next_sync_committee_indices` does not look at
    // `slashed` (a slashed member then misses its duty, see syncBits).
    for (let j = 0; j < members.length; j++) {
      let v = hash32(seed, Tag.syncMember, period, j) % n;
      for (let k = 0; k < n && !isActive(v, e); k++) v = (v + 1) % n;
      members[j] = v;
    }
    remember(syncCache, period, members, 4);
    return members;
  };

  const syncBits = (slot: number): Uint8Array => {
    const e = Math.floor(slot / c.SLOTS_PER_EPOCH);
    const members = syncCommittee(Math.floor(e / c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD));
    const offline = offlineMask(e);
    const bits = new Uint8Array(members.length);
    for (let j = 0; j < members.length; j++) {
      const v = members[j];
      if (offline[v] || isSlashedAt(v, e) || !isActive(v, e)) continue;
      if (random01(seed, Tag.syncMiss, slot, j) < scenario.baseline.syncMissRate) continue;
      bits[j] = 1;
    }
    return bits;
  };

  return {
    isActive,
    isSlashedAt,
    exitEpoch,
    withdrawableEpoch,
    offlineMask,
    proposer,
    missReason,
    produced,
    committees,
    votes,
    syncCommittee,
    syncBits,
  };
}

/** Insert into a small cache, dropping the oldest entry beyond `max`. */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): void {
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value as K);
}
