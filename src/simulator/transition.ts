import { Weights, type ChainConstants } from "./preset.js";
import { Vote, type Schedule } from "./schedule.js";
import type { Registry } from "./registry.js";

/** Balances and counters at the start of an epoch: what every state of that epoch shows. */
export type EpochState = {
  epoch: number;
  balances: Float64Array;
  /** Effective balance in whole increments (ETH). */
  effective: Uint16Array;
  inactivity: Uint32Array;
  nextWithdrawalIndex: number;
  nextWithdrawalValidatorIndex: number;
};

export const Flag = { source: 1, target: 2, head: 4 } as const;

export type Withdrawal = {
  index: number;
  validatorIndex: number;
  address: Uint8Array;
  amount: number;
};

export type BlockReward = {
  slot: number;
  proposerIndex: number;
  attestations: number;
  syncAggregate: number;
  proposerSlashings: number;
  attesterSlashings: number;
};

/** What epoch `e` did to every validator; `next` is the state at the start of `e + 1`. */
export type EpochResult = {
  epoch: number;
  baseRewardPerIncrement: number;
  totalActiveBalance: number;
  inLeak: boolean;
  /** Flag bits (Flag.*) earned by each validator's attestation of this epoch. */
  flags: Uint8Array;
  /** 1 for validators the rewards API reports (spec: eligible validators). */
  eligible: Uint8Array;
  head: Int32Array;
  target: Int32Array;
  source: Int32Array;
  inactivity: Int32Array;
  /** Sparse components: few validators get them each epoch. */
  proposer: Map<number, number>;
  sync: Map<number, number>;
  slashing: Map<number, number>;
  withdrawn: Map<number, number>;
  withdrawalsBySlot: Map<number, Withdrawal[]>;
  syncRewardsBySlot: Map<number, Map<number, number>>;
  blockRewards: Map<number, BlockReward>;
  /** Ideal rewards per effective balance (in increments) for a fully timely validator. */
  ideal: Map<number, { head: number; target: number; source: number }>;
  /** The same before rounding down: Lodestar answers these fractional gwei values. */
  idealExact: Map<number, { head: number; target: number; source: number }>;
  next: EpochState;
};

export type TransitionContext = {
  c: ChainConstants;
  n: number;
  schedule: Schedule;
  registry: Registry;
  finalizedEpochAt(epoch: number): number;
  /** Validator indices whose slashing operations the block at `slot` carries. */
  slashingOpsAt(slot: number): { proposer: number[]; attester: number[][] };
};

export function genesisState(ctx: TransitionContext): EpochState {
  const { n, registry, c } = ctx;
  const effective = new Uint16Array(n).fill(
    c.MIN_ACTIVATION_BALANCE / c.EFFECTIVE_BALANCE_INCREMENT,
  );
  return {
    epoch: 0,
    balances: Float64Array.from(registry.initialBalances),
    effective,
    inactivity: new Uint32Array(n),
    nextWithdrawalIndex: 0,
    nextWithdrawalValidatorIndex: 0,
  };
}

/**
 * One epoch of the Altair/Electra reward rules, applied at the epoch boundary (see
 * docs/simulator.md for where this differs from the spec's per-block accounting).
 */
export function processEpoch(ctx: TransitionContext, st: EpochState): EpochResult {
  const { c, n, schedule, registry } = ctx;
  const e = st.epoch;
  const SPE = c.SLOTS_PER_EPOCH;
  const INCR = c.EFFECTIVE_BALANCE_INCREMENT;
  const start = e * SPE;
  const { effective, balances } = st;

  // Totals over active validators.
  let activeIncrements = 0;
  for (let i = 0; i < n; i++) if (schedule.isActive(i, e)) activeIncrements += effective[i];
  const totalActiveBalance = Math.max(INCR, activeIncrements * INCR);
  const brpi = Math.floor((INCR * c.BASE_REWARD_FACTOR) / integerSqrt(totalActiveBalance));
  const inLeak = e - ctx.finalizedEpochAt(e + 1) > c.MIN_EPOCHS_TO_INACTIVITY_PENALTY;

  // Inclusion delay of each slot's attestations: the next produced block within an epoch's span.
  const delay = (s: number): number => {
    for (let t = s + 1; t <= s + SPE; t++) if (schedule.produced(t)) return t - s;
    return 0;
  };
  const flagsFor = (d: number, vote: number): number =>
    (d > 0 && d <= c.SOURCE_INCLUSION_LIMIT ? Flag.source : 0) |
    (d > 0 && d <= SPE ? Flag.target : 0) |
    (d === 1 && vote & Vote.headCorrect ? Flag.head : 0);

  const flags = new Uint8Array(n);
  const committees = schedule.committees(e);
  const votes = schedule.votes(e);
  for (let s = start; s < start + SPE; s++) {
    const d = delay(s);
    for (let k = 0; k < committees.committeesPerSlot; k++) {
      for (const v of committees.committee(s, k))
        if (votes[v] & Vote.attested) flags[v] = flagsFor(d, votes[v]);
    }
  }

  let srcInc = 0;
  let tgtInc = 0;
  let headInc = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (f === 0) continue;
    if (f & Flag.source) srcInc += effective[i];
    if (f & Flag.target) tgtInc += effective[i];
    if (f & Flag.head) headInc += effective[i];
  }

  const eligible = new Uint8Array(n);
  const head = new Int32Array(n);
  const target = new Int32Array(n);
  const source = new Int32Array(n);
  const inactivityOut = new Int32Array(n);
  const inactivity = Uint32Array.from(st.inactivity);
  const denominator = activeIncrements * Weights.denominator;
  const reward = (base: number, w: number, inc: number) =>
    inLeak ? 0 : Math.floor((base * w * inc) / denominator);
  const penaltyQuotient = c.INACTIVITY_SCORE_BIAS * c.INACTIVITY_PENALTY_QUOTIENT_BELLATRIX;
  for (let i = 0; i < n; i++) {
    const isEligible =
      schedule.isActive(i, e) ||
      (schedule.isSlashedAt(i, e) && e + 1 < schedule.withdrawableEpoch(i));
    if (!isEligible) continue;
    eligible[i] = 1;
    const base = effective[i] * brpi;
    const f = flags[i];
    source[i] =
      f & Flag.source
        ? reward(base, Weights.source, srcInc)
        : -Math.floor((base * Weights.source) / Weights.denominator);
    target[i] =
      f & Flag.target
        ? reward(base, Weights.target, tgtInc)
        : -Math.floor((base * Weights.target) / Weights.denominator);
    head[i] = f & Flag.head ? reward(base, Weights.head, headInc) : 0;
    let score = inactivity[i];
    if (f & Flag.target) score -= Math.min(1, score);
    else score += c.INACTIVITY_SCORE_BIAS;
    if (!inLeak) score -= Math.min(c.INACTIVITY_SCORE_RECOVERY_RATE, score);
    inactivity[i] = score;
    if (!(f & Flag.target))
      inactivityOut[i] = -Math.floor((effective[i] * INCR * score) / penaltyQuotient);
  }

  const ideal = new Map<number, { head: number; target: number; source: number }>();
  const idealExact = new Map<number, { head: number; target: number; source: number }>();
  const exact = (base: number, w: number, inc: number) =>
    inLeak ? 0 : (base * w * inc) / denominator;
  for (let i = 0; i < n; i++) {
    if (!eligible[i] || ideal.has(effective[i])) continue;
    const base = effective[i] * brpi;
    ideal.set(effective[i], {
      head: reward(base, Weights.head, headInc),
      target: reward(base, Weights.target, tgtInc),
      source: reward(base, Weights.source, srcInc),
    });
    idealExact.set(effective[i], {
      head: exact(base, Weights.head, headInc),
      target: exact(base, Weights.target, tgtInc),
      source: exact(base, Weights.source, srcInc),
    });
  }

  // Per-block components: proposer rewards, sync aggregate, whistleblower, withdrawals.
  const proposer = new Map<number, number>();
  const sync = new Map<number, number>();
  const slashing = new Map<number, number>();
  const withdrawn = new Map<number, number>();
  const withdrawalsBySlot = new Map<number, Withdrawal[]>();
  const syncRewardsBySlot = new Map<number, Map<number, number>>();
  const blockRewards = new Map<number, BlockReward>();
  const add = (m: Map<number, number>, k: number, v: number) => m.set(k, (m.get(k) ?? 0) + v);

  const proposerDenominator =
    ((Weights.denominator - Weights.proposer) * Weights.denominator) / Weights.proposer;
  const participantReward = Math.floor(
    Math.floor(Math.floor((brpi * activeIncrements * Weights.sync) / Weights.denominator) / SPE) /
      c.SYNC_COMMITTEE_SIZE,
  );
  const syncProposerReward = Math.floor(
    (participantReward * Weights.proposer) / (Weights.denominator - Weights.proposer),
  );
  let wIndex = st.nextWithdrawalIndex;
  let wPointer = st.nextWithdrawalValidatorIndex;
  let previousProduced = start - 1;
  while (previousProduced > 0 && !schedule.produced(previousProduced)) previousProduced--;

  for (let t = start; t < start + SPE; t++) {
    if (t === 0 || !schedule.produced(t)) continue;
    const p = schedule.proposer(t);
    const br: BlockReward = {
      slot: t,
      proposerIndex: p,
      attestations: 0,
      syncAggregate: 0,
      proposerSlashings: 0,
      attesterSlashings: 0,
    };

    // Attestations of slots [previousProduced, t) are included here, first time.
    let numerator = 0;
    for (let s = Math.max(previousProduced, t - SPE, 0); s < t; s++) {
      const se = Math.floor(s / SPE);
      const sc = schedule.committees(se);
      const sv = schedule.votes(se);
      for (let k = 0; k < sc.committeesPerSlot; k++) {
        for (const v of sc.committee(s, k)) {
          if (!(sv[v] & Vote.attested)) continue;
          const f = flagsFor(t - s, sv[v]);
          const base = effective[v] * brpi;
          if (f & Flag.source) numerator += base * Weights.source;
          if (f & Flag.target) numerator += base * Weights.target;
          if (f & Flag.head) numerator += base * Weights.head;
        }
      }
    }
    br.attestations = Math.floor(numerator / proposerDenominator);
    previousProduced = t;

    const members = schedule.syncCommittee(Math.floor(e / c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD));
    const bits = schedule.syncBits(t);
    const slotSync = new Map<number, number>();
    for (let j = 0; j < members.length; j++) {
      const delta = bits[j] ? participantReward : -participantReward;
      add(slotSync, members[j], delta);
      add(sync, members[j], delta);
      if (bits[j]) br.syncAggregate += syncProposerReward;
    }
    syncRewardsBySlot.set(t, slotSync);

    const ops = ctx.slashingOpsAt(t);
    for (const v of ops.proposer)
      br.proposerSlashings += Math.floor(
        (effective[v] * INCR) / c.WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA,
      );
    for (const group of ops.attester) {
      for (const v of group)
        br.attesterSlashings += Math.floor(
          (effective[v] * INCR) / c.WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA,
        );
    }
    add(
      proposer,
      p,
      br.attestations + br.syncAggregate + br.proposerSlashings + br.attesterSlashings,
    );
    blockRewards.set(t, br);

    // Withdrawal sweep (Capella), against start-of-epoch balances less what this epoch already paid.
    const list: Withdrawal[] = [];
    for (let k = 0; k < Math.min(n, c.MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP); k++) {
      const v = (wPointer + k) % n;
      const balance = balances[v] - (withdrawn.get(v) ?? 0);
      let amount = 0;
      if (schedule.isSlashedAt(v, e) && schedule.withdrawableEpoch(v) <= e && balance > 0)
        amount = balance;
      else if (
        effective[v] * INCR === c.MIN_ACTIVATION_BALANCE &&
        balance > c.MIN_ACTIVATION_BALANCE
      )
        amount = balance - c.MIN_ACTIVATION_BALANCE;
      if (amount > 0) {
        list.push({
          index: wIndex++,
          validatorIndex: v,
          address: registry.credentials(v).subarray(12),
          amount,
        });
        add(withdrawn, v, amount);
        if (list.length === c.MAX_WITHDRAWALS_PER_PAYLOAD) break;
      }
    }
    wPointer =
      list.length === c.MAX_WITHDRAWALS_PER_PAYLOAD
        ? (list[list.length - 1].validatorIndex + 1) % n
        : (wPointer + c.MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP) % n;
    withdrawalsBySlot.set(t, list);
  }

  // Slashing penalties: the initial one at the slashing epoch, the correlated one half-way to withdrawable.
  const half = c.EPOCHS_PER_SLASHINGS_VECTOR / 2;
  for (const rec of registry.slashings) {
    const v = rec.validatorIndex;
    if (rec.epoch === e)
      add(slashing, v, Math.floor((effective[v] * INCR) / c.MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA));
    if (rec.epoch + half === e) {
      let slashedSum = 0;
      for (const other of registry.slashings) {
        if (other.epoch > e - c.EPOCHS_PER_SLASHINGS_VECTOR && other.epoch <= e)
          slashedSum += effective[other.validatorIndex] * INCR;
      }
      const adjusted = Math.min(
        slashedSum * c.PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX,
        totalActiveBalance,
      );
      const perIncrement = Math.floor(adjusted / Math.floor(totalActiveBalance / INCR));
      add(slashing, v, perIncrement * effective[v]);
    }
  }

  const nextBalances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = Math.max(0, balances[i] + head[i] + target[i] + source[i] + inactivityOut[i]);
    nextBalances[i] = b;
  }
  for (const [v, x] of proposer) nextBalances[v] += x;
  for (const [v, x] of sync) nextBalances[v] = Math.max(0, nextBalances[v] + x);
  for (const [v, x] of slashing) nextBalances[v] = Math.max(0, nextBalances[v] - x);
  for (const [v, x] of withdrawn) nextBalances[v] = Math.max(0, nextBalances[v] - x);
  const nextEffective = nextEffectiveBalances(c, st);

  return {
    epoch: e,
    baseRewardPerIncrement: brpi,
    totalActiveBalance,
    inLeak,
    flags,
    eligible,
    head,
    target,
    source,
    inactivity: inactivityOut,
    proposer,
    sync,
    slashing,
    withdrawn,
    withdrawalsBySlot,
    syncRewardsBySlot,
    blockRewards,
    ideal,
    idealExact,
    next: {
      epoch: e + 1,
      balances: nextBalances,
      effective: nextEffective,
      inactivity,
      nextWithdrawalIndex: wIndex,
      nextWithdrawalValidatorIndex: wPointer,
    },
  };
}

/**
 * Effective balances of the next epoch: the spec's hysteresis over the balances at the start of
 * `st`'s epoch. They lag the balances by one epoch as in the spec, whose epoch processing at the
 * end of E applies the rewards of E − 1 before updating effective balances; the lag also lets
 * the proposers of E + 1 (weighted by these balances) be known before E's own outcome, which
 * depends on which blocks of E + 1 are produced.
 */
export function nextEffectiveBalances(c: ChainConstants, st: EpochState): Uint16Array {
  const INCR = c.EFFECTIVE_BALANCE_INCREMENT;
  const down = (INCR / c.HYSTERESIS_QUOTIENT) * c.HYSTERESIS_DOWNWARD_MULTIPLIER;
  const up = (INCR / c.HYSTERESIS_QUOTIENT) * c.HYSTERESIS_UPWARD_MULTIPLIER;
  const { balances, effective } = st;
  const out = new Uint16Array(effective.length);
  for (let i = 0; i < out.length; i++) {
    const b = balances[i];
    const eb = effective[i] * INCR;
    out[i] =
      b + down < eb || eb + up < b
        ? Math.min(Math.floor(b / INCR), c.MIN_ACTIVATION_BALANCE / INCR)
        : effective[i];
  }
  return out;
}

export function integerSqrt(n: number): number {
  let x = Math.floor(Math.sqrt(n));
  while (x * x > n) x--;
  while ((x + 1) * (x + 1) <= n) x++;
  return x;
}
