import { ACTIVE_PRESET } from "@lodestar/params";
import { ssz, type electra } from "@lodestar/types";
import { PresetMismatchError } from "./errors.js";
import { chainConstants, type ChainConstants } from "./preset.js";
import { Tag, randomBytes, seedToNumber } from "./random.js";
import { createRegistry, operatorByOrdinal, type SlashingRecord } from "./registry.js";
import { createSchedule, remember, type MissReason, type Schedule } from "./schedule.js";
import { parseScenario, type Operator, type Scenario, type ScenarioInput } from "./scenario.js";
import {
  genesisState,
  nextEffectiveBalances,
  processEpoch,
  type EpochResult,
  type EpochState,
  type TransitionContext,
} from "./transition.js";
import { buildBlock, type BlockContext } from "./buildBlock.js";
import { buildSpec } from "./buildSpec.js";

export type Checkpoint = { epoch: number; root: Uint8Array };
export type Finality = {
  previousJustified: Checkpoint;
  currentJustified: Checkpoint;
  finalized: Checkpoint;
};

export type ValidatorStatus =
  | "active_ongoing"
  | "active_slashed"
  | "exited_slashed"
  | "withdrawal_possible"
  | "withdrawal_done";

export type ProposalTruth = {
  slot: number;
  proposer: number;
  produced: boolean;
  reason?: MissReason;
};

export type ValidatorRewardsTruth = {
  head: number;
  target: number;
  source: number;
  inactivity: number;
  proposer: number;
  sync: number;
  slashing: number;
  withdrawals: number;
  /** balanceEnd − balanceStart. */
  delta: number;
};

export type EpochTruth = {
  epoch: number;
  /** Finalized epoch as seen by states of this epoch (scenario model, ignoring runtime stalls). */
  finalizedEpoch: number;
  inLeak: boolean;
  baseRewardPerIncrement: number;
  totalActiveBalance: number;
  /** Per validator: 1 when online in this epoch (not in an offline window). */
  online: Uint8Array;
  /** Per validator: Flag bits (1 source, 2 target, 4 head) of its attestation of this epoch. */
  flags: Uint8Array;
  balanceStart: Float64Array;
  balanceEnd: Float64Array;
  rewardsOf(index: number): ValidatorRewardsTruth;
  statusOf(index: number): ValidatorStatus;
  proposals: ProposalTruth[];
  sync: {
    committee: Uint32Array;
    perSlot: { slot: number; produced: boolean; participants: number }[];
  };
  slashings: SlashingRecord[];
};

export type Chain = {
  scenario: Scenario;
  constants: ChainConstants;
  seed: number;
  validatorCount: number;
  genesisTime: number;
  genesisValidatorsRoot: Uint8Array;
  /** The /eth/v1/config/spec document (strings). */
  spec: Record<string, unknown>;
  operators: Operator[];
  operatorOf(index: number): Operator | undefined;
  pubkey(index: number): Uint8Array;
  withdrawalCredentials(index: number): Uint8Array;
  schedule: Schedule;
  slashings: SlashingRecord[];
  /** Balances, effective balances and counters at the start of `epoch`. */
  epochState(epoch: number): EpochState;
  epochResult(epoch: number): EpochResult;
  statusAt(index: number, epoch: number, balance: number): ValidatorStatus;
  /** The block at `slot`, or null for a missed slot. */
  block(slot: number): electra.SignedBeaconBlock | null;
  /** Root of the canonical block at or before `slot`. */
  blockRootAt(slot: number): Uint8Array;
  /** Slot of the canonical block at or before `slot`. */
  blockSlotAt(slot: number): number;
  /** Slot of the block with this root, if the chain has produced it up to `maxSlot`. */
  slotOfBlockRoot(root: string, maxSlot: number): number | undefined;
  stateRoot(slot: number): Uint8Array;
  slotOfStateRoot(root: string, maxSlot: number): number | undefined;
  randaoMix(epoch: number): Uint8Array;
  finality(epoch: number): Finality;
  slashingOpsAt(slot: number): { proposer: number[]; attester: number[][] };
  epochTruth(epoch: number): EpochTruth;
  /**
   * Replace the produced block at `slot` with a sibling (same slot, proposer and content but a
   * different graffiti): its root and every later root change, as after a reorg. Balances and
   * duties stay the same.
   */
  reorgAt(slot: number): void;
};

export type CreateChainParameters = ScenarioInput | Scenario;

/**
 * A deterministic beacon chain from a scenario: same scenario, same bytes. Everything is
 * computed lazily; epoch states are kept at checkpoints and recomputed forward on demand.
 */
export function createChain(input: CreateChainParameters): Chain {
  const scenario = isParsed(input) ? input : parseScenario(input);
  if (ACTIVE_PRESET !== scenario.preset)
    throw new PresetMismatchError(scenario.preset, ACTIVE_PRESET);
  const c = chainConstants(scenario.preset);
  const seed = seedToNumber(scenario.seed);
  const n = scenario.validatorCount;
  const SPE = c.SLOTS_PER_EPOCH;
  const registry = createRegistry(scenario, c, seed);
  // Epoch states and mixes are defined below; proposer selection reads them lazily.
  const schedule = createSchedule(scenario, c, seed, registry, {
    effectiveAt: (e) => effectiveAt(e),
    seedMixAt: (e) => (e >= 2 ? randaoMix(e - 2) : genesisRandaoMix),
  });
  const operatorOf = (i: number) =>
    operatorByOrdinal(scenario.operators, registry.operatorOrdinal[i]);
  const genesisValidatorsRoot = randomBytes(seed, Tag.root, 0, 1, 32);

  // Finality of the scenario model: finalized = epoch − 2 − delay, frozen inside stall windows.
  const finalizedEpochAt = (e: number): number => {
    const stall = scenario.finalityStalls.find((w) => e >= w.fromEpoch && e <= w.toEpoch);
    if (stall) return stall.fromEpoch === 0 ? 0 : finalizedEpochAt(stall.fromEpoch - 1);
    return Math.max(0, e - 2 - scenario.finalityDelay);
  };
  const isStalled = (e: number) =>
    scenario.finalityStalls.some((w) => e >= w.fromEpoch && e <= w.toEpoch);

  // Slashing operations are packed into the produced blocks of their epoch (per-block limits);
  // leftovers spill into the next produced blocks. Balances follow the scenario epoch regardless.
  // Packed lazily in slot order: whether a slot is produced depends on its proposer, hence on the
  // effective balances of the states before it, which in turn apply the earlier slashings.
  type Ops = { proposer: number[]; attester: number[][] };
  const opsBySlot = new Map<number, Ops>();
  const events = [...registry.slashingEvents].sort((a, b) => a.epoch - b.epoch);
  const carry: Ops = { proposer: [], attester: [] };
  let eventCursor = 0;
  let packSlot = events.length > 0 ? events[0].epoch * SPE : 0;
  const packUpTo = (target: number): void => {
    while (
      packSlot <= target &&
      (eventCursor < events.length || carry.proposer.length > 0 || carry.attester.length > 0)
    ) {
      const slot = packSlot;
      while (eventCursor < events.length && events[eventCursor].epoch * SPE <= slot) {
        const ev = events[eventCursor++];
        if (ev.type === "proposer") carry.proposer.push(...ev.indices);
        else carry.attester.push(ev.indices);
      }
      if (
        slot > 0 &&
        (carry.proposer.length > 0 || carry.attester.length > 0) &&
        schedule.produced(slot)
      ) {
        opsBySlot.set(slot, {
          proposer: carry.proposer.splice(0, c.MAX_PROPOSER_SLASHINGS),
          attester: carry.attester.splice(0, c.MAX_ATTESTER_SLASHINGS_ELECTRA),
        });
      }
      packSlot++;
      if (
        carry.proposer.length === 0 &&
        carry.attester.length === 0 &&
        eventCursor < events.length
      ) {
        packSlot = Math.max(packSlot, events[eventCursor].epoch * SPE);
      }
    }
  };
  const noOps = { proposer: [], attester: [] };
  const slashingOpsAt = (slot: number) => {
    packUpTo(slot);
    return opsBySlot.get(slot) ?? noOps;
  };

  const tctx: TransitionContext = { c, n, schedule, registry, finalizedEpochAt, slashingOpsAt };

  // Epoch states: checkpoints every CHECKPOINT_EVERY epochs, plus a few recent ones.
  const CHECKPOINT_EVERY = n > 100_000 ? 16 : 4;
  const checkpoints = new Map<number, EpochState>([[0, genesisState(tctx)]]);
  const recentStates = new Map<number, EpochState>();
  const results = new Map<number, EpochResult>();
  const epochResult = (e: number): EpochResult => {
    const cached = results.get(e);
    if (cached) return cached;
    const result = processEpoch(tctx, epochState(e));
    remember(results, e, result, n > 100_000 ? 2 : 8);
    const next = result.next;
    if (next.epoch % CHECKPOINT_EVERY === 0) checkpoints.set(next.epoch, next);
    else remember(recentStates, next.epoch, next, n > 100_000 ? 2 : 8);
    return result;
  };
  const epochState = (e: number): EpochState => {
    const hit = checkpoints.get(e) ?? recentStates.get(e);
    if (hit) return hit;
    let from = e - 1;
    while (from > 0 && !checkpoints.has(from) && !recentStates.has(from)) from--;
    let st = checkpoints.get(from) ?? recentStates.get(from)!;
    for (let k = from; k < e; k++) st = epochResult(k).next;
    return st;
  };

  // Effective balances of epoch e from the state of e − 1 alone (never from e − 1's outcome,
  // which depends on the proposers of e): the same arrays the states of e hold.
  const effectiveCache = new Map<number, Uint16Array>();
  const effectiveAt = (e: number): Uint16Array => {
    const hit = checkpoints.get(e) ?? recentStates.get(e);
    if (hit) return hit.effective;
    let out = effectiveCache.get(e);
    if (!out) {
      out = nextEffectiveBalances(c, epochState(e - 1));
      remember(effectiveCache, e, out, 4);
    }
    return out;
  };

  const stateRoot = (slot: number) => randomBytes(seed, Tag.root, slot, 5, 32);
  const randaoMix = (e: number) => randomBytes(seed, Tag.root, e, 6, 32);
  // The genesis state's mixes (all equal); epochs 0 and 1 draw their seed from them.
  const genesisRandaoMix = randomBytes(seed, Tag.root, 0, 99, 32);
  const executionHash = (slot: number) => randomBytes(seed, Tag.root, slot, 9, 32);

  // Canonical roots, built in slot order because each block commits to its parent's root.
  const roots: Uint8Array[] = [];
  const lastProduced: number[] = [];
  const executionNumbers: number[] = [];
  const rootIndex = new Map<string, number>();
  const blockCache = new Map<number, electra.SignedBeaconBlock>();
  const variants = new Map<number, number>();
  const reorgAt = (slot: number): void => {
    if (slot === 0 || !schedule.produced(slot))
      throw new Error(`no block at slot ${slot} to replace`);
    variants.set(slot, (variants.get(slot) ?? 0) + 1);
    // Roots from this slot on are recomputed (each block commits to its parent's root).
    for (let s = slot; s < roots.length; s++)
      if (lastProduced[s] === s) rootIndex.delete(toHex(roots[s]));
    roots.length = Math.min(roots.length, slot);
    lastProduced.length = roots.length;
    executionNumbers.length = roots.length;
    for (const s of [...blockCache.keys()]) if (s >= slot) blockCache.delete(s);
  };
  const ensure = (slot: number): void => {
    for (let s = roots.length; s <= slot; s++) {
      if (s === 0 || schedule.produced(s)) {
        const parentSlot = s === 0 ? 0 : lastProduced[s - 1];
        const block = buildBlock(
          bctx,
          s,
          s === 0 ? new Uint8Array(32) : roots[parentSlot],
          parentSlot,
        );
        const root = ssz.electra.BeaconBlock.hashTreeRoot(block.message);
        roots.push(root);
        lastProduced.push(s);
        executionNumbers.push(s === 0 ? 0 : executionNumbers[s - 1] + 1);
        rootIndex.set(toHex(root), s);
        remember(blockCache, s, block, 64);
      } else {
        roots.push(roots[s - 1]);
        lastProduced.push(lastProduced[s - 1]);
        executionNumbers.push(executionNumbers[s - 1]);
      }
    }
  };
  const blockSlotAt = (slot: number) => {
    ensure(slot);
    return lastProduced[slot];
  };
  const blockRootAt = (slot: number) => {
    ensure(slot);
    return roots[slot];
  };
  const block = (slot: number): electra.SignedBeaconBlock | null => {
    if (slot !== 0 && !schedule.produced(slot)) return null;
    ensure(slot);
    let b = blockCache.get(slot);
    if (!b) {
      const parentSlot = slot === 0 ? 0 : lastProduced[slot - 1];
      b = buildBlock(bctx, slot, slot === 0 ? new Uint8Array(32) : roots[parentSlot], parentSlot);
      remember(blockCache, slot, b, 64);
    }
    return b;
  };

  const checkpointAt = (e: number): Checkpoint => ({ epoch: e, root: blockRootAt(e * SPE) });
  const finality = (e: number): Finality => {
    const f = finalizedEpochAt(e);
    if (isStalled(e))
      return {
        previousJustified: checkpointAt(f),
        currentJustified: checkpointAt(f),
        finalized: checkpointAt(f),
      };
    const d = scenario.finalityDelay;
    return {
      previousJustified: checkpointAt(Math.max(0, e - 2 - d)),
      currentJustified: checkpointAt(Math.max(0, e - 1 - d)),
      finalized: checkpointAt(f),
    };
  };

  const bctx: BlockContext = {
    c,
    seed,
    n,
    genesisTime: scenario.genesisTime,
    secondsPerSlot: scenario.secondsPerSlot,
    schedule,
    registry,
    operatorOf,
    epochResult,
    blockRootAt: (slot) => roots[slot] ?? blockRootAt(slot),
    blockSlotAt: (slot) => lastProduced[slot] ?? blockSlotAt(slot),
    stateRoot,
    randaoMix,
    justifiedAt: (e) => finality(e).currentJustified,
    slashingOpsAt,
    executionHash: (slot) =>
      slot === 0 ? randomBytes(seed, Tag.root, 0, 9, 32) : executionHash(slot),
    executionNumber: (slot) => (executionNumbers[slot - 1] ?? 0) + 1,
    variantOf: (slot) => variants.get(slot) ?? 0,
  };

  const statusAt = (i: number, e: number, balance: number): ValidatorStatus => {
    if (!schedule.isSlashedAt(i, e - 1)) return "active_ongoing";
    if (e < schedule.exitEpoch(i)) return "active_slashed";
    if (e < schedule.withdrawableEpoch(i)) return "exited_slashed";
    return balance > 0 ? "withdrawal_possible" : "withdrawal_done";
  };

  const findRoot = (index: Map<string, number>, root: string) => index.get(root.toLowerCase());
  const stateRootIndex = new Map<string, number>();
  let stateRootsIndexed = 0;

  const epochTruth = (e: number): EpochTruth => {
    const r = epochResult(e);
    const st = epochState(e);
    const offline = schedule.offlineMask(e);
    const online = new Uint8Array(n);
    for (let i = 0; i < n; i++) online[i] = offline[i] ? 0 : 1;
    const proposals: ProposalTruth[] = [];
    const perSlot: EpochTruth["sync"]["perSlot"] = [];
    for (let s = e * SPE; s < (e + 1) * SPE; s++) {
      const reason = schedule.missReason(s);
      proposals.push({
        slot: s,
        proposer: schedule.proposer(s),
        produced: reason === undefined,
        ...(reason ? { reason } : {}),
      });
      const produced = s !== 0 && reason === undefined;
      perSlot.push({
        slot: s,
        produced,
        participants: produced ? schedule.syncBits(s).reduce((a, b) => a + b, 0) : 0,
      });
    }
    return {
      epoch: e,
      finalizedEpoch: finalizedEpochAt(e),
      inLeak: r.inLeak,
      baseRewardPerIncrement: r.baseRewardPerIncrement,
      totalActiveBalance: r.totalActiveBalance,
      online,
      flags: r.flags,
      balanceStart: st.balances,
      balanceEnd: r.next.balances,
      rewardsOf: (i) => {
        const out = {
          head: r.head[i],
          target: r.target[i],
          source: r.source[i],
          inactivity: r.inactivity[i],
          proposer: r.proposer.get(i) ?? 0,
          sync: r.sync.get(i) ?? 0,
          slashing: r.slashing.get(i) ?? 0,
          withdrawals: r.withdrawn.get(i) ?? 0,
          delta: r.next.balances[i] - st.balances[i],
        };
        return out;
      },
      statusOf: (i) => statusAt(i, e, st.balances[i]),
      proposals,
      sync: {
        committee: schedule.syncCommittee(Math.floor(e / c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD)),
        perSlot,
      },
      slashings: registry.slashings.filter((s) => s.epoch === e),
    };
  };

  return {
    scenario,
    constants: c,
    seed,
    validatorCount: n,
    genesisTime: scenario.genesisTime,
    genesisValidatorsRoot,
    spec: buildSpec({ constants: c, scenario }),
    operators: scenario.operators,
    operatorOf,
    pubkey: (i) => registry.pubkeys.subarray(48 * i, 48 * i + 48),
    withdrawalCredentials: registry.credentials,
    schedule,
    slashings: registry.slashings,
    epochState,
    epochResult,
    statusAt,
    block,
    blockRootAt,
    blockSlotAt,
    slotOfBlockRoot: (root, maxSlot) => {
      ensure(maxSlot);
      const s = findRoot(rootIndex, root);
      return s !== undefined && s <= maxSlot ? s : undefined;
    },
    stateRoot,
    slotOfStateRoot: (root, maxSlot) => {
      for (; stateRootsIndexed <= maxSlot; stateRootsIndexed++)
        stateRootIndex.set(toHex(stateRoot(stateRootsIndexed)), stateRootsIndexed);
      const s = findRoot(stateRootIndex, root);
      return s !== undefined && s <= maxSlot ? s : undefined;
    },
    randaoMix,
    finality,
    slashingOpsAt,
    epochTruth,
    reorgAt,
  };
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function isParsed(input: CreateChainParameters): input is Scenario {
  return (input as Scenario).missedSlots instanceof Set;
}
