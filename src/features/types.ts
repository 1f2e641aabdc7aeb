/**
 * Input types of the feature functions. Ingestion builds one `OperatorEpochAggregate` per
 * (operator, finalized epoch) and one `NetworkEpochAggregate` per epoch, plus the list of
 * slashing events; everything in src/features is computed from these alone, so anyone holding
 * the same finalized chain data and operator labels can recompute every feature vector.
 *
 * Units: every reward/balance value is in gwei as a JS number (safe to 2^53 ≈ 9.0e15 gwei ≈
 * 9 million ETH per field, far above any per-epoch operator sum). Reward values may be decimals.
 * Counts are validator counts (one attestation duty per active, unslashed validator per epoch).
 *
 * How to build an epoch's aggregate from Beacon API data (sum over the operator's validators
 * that are active in the epoch; the attestation, proposal and sync sums leave out the validators
 * slashed by the epoch's end, whose duties the spec penalises whatever they do: their slashing is
 * priced in src/loss, not as missed duties):
 * - `attestations.*Earned` / `*Ideal`: `POST /eth/v1/beacon/rewards/attestations/{epoch}`:
 *   `total_rewards[i].{source,target,head}` summed as earned; `ideal_rewards` looked up by the
 *   validator's effective balance and summed as ideal. Earned source/target are negative for a
 *   missed flag (a penalty), head is never negative.
 * - `attestations.inactivityPenalty`: minus the sum of `total_rewards[i].inactivity` (the API
 *   reports it as ≤ 0; stored here as a non-negative loss).
 * - `attestations.{source,target,head}Misses`: number of validators whose earned reward for that
 *   flag is ≤ 0 (the flag was not earned: not included in time, or wrong vote).
 *   `sourceMisses` is the Lido CSM "attestation not included" count.
 * - `proposals`: proposer duties of the operator's validators in the epoch's 32 slots vs the
 *   canonical blocks they produced. `earned`/`ideal` (gwei, from block rewards) are optional; when
 *   they are absent the features fall back to produced/duties.
 * - `sync`: validator-slots of sync-committee membership in the epoch (members × 32) and how many
 *   of those slots the member's bit was set in the next block's sync aggregate. Optional
 *   `earned`/`ideal` as for proposals.
 * - `balanceDeltaGwei`: Σ (balance at epoch end − balance at epoch start − deposits + withdrawals).
 * - `effectiveBalanceGwei`: Σ effective balance of the active validators.
 * - `exitedValidators`: validators whose exit epoch is this epoch (voluntary, forced or slashed).
 */
export type AttestationAggregate = {
  /** Attestation duties: validators of the operator active in the epoch and not slashed by its end. */
  duties: number;
  sourceEarned: number;
  sourceIdeal: number;
  targetEarned: number;
  targetIdeal: number;
  headEarned: number;
  headIdeal: number;
  /** Non-negative gwei lost to the inactivity leak. */
  inactivityPenalty: number;
  sourceMisses: number;
  targetMisses: number;
  headMisses: number;
};

export type ProposalAggregate = {
  duties: number;
  produced: number;
  earned?: number;
  ideal?: number;
};

export type SyncAggregate = {
  /** Validator-slots of sync-committee duty (committee members of the operator × 32). */
  duties: number;
  participated: number;
  earned?: number;
  ideal?: number;
};

/** Per-epoch sums over a set of validators (an operator's, or the whole network's). */
export type EpochAggregate = {
  epoch: number;
  activeValidators: number;
  attestations: AttestationAggregate;
  proposals: ProposalAggregate;
  sync: SyncAggregate;
  balanceDeltaGwei: number;
  effectiveBalanceGwei: number;
  exitedValidators: number;
};

export type OperatorEpochAggregate = EpochAggregate & { operatorId: string };

/**
 * One validator's attestation duties over the whole days of the 30-day window
 * (csmWindowDays): Lido CSM's performance inputs, assigned and included (source flag earned).
 */
export type ValidatorDuties = { assigned: number; included: number };

/** The same sums over every active validator of the network in the epoch. */
export type NetworkEpochAggregate = EpochAggregate;

/** A validator newly slashed (proposer or attester slashing included in a finalized block). */
export type SlashingEvent = {
  epoch: number;
  validatorIndex: number;
  operatorId: string;
  kind: "attester" | "proposer";
};

/** Feature windows in epochs (225 epochs a day). */
export const EPOCHS_PER_DAY = 225;
export const WINDOWS = {
  "1d": EPOCHS_PER_DAY,
  "7d": 7 * EPOCHS_PER_DAY,
  "30d": 30 * EPOCHS_PER_DAY,
} as const;
export type WindowName = keyof typeof WINDOWS;

/**
 * Sums of a set of epoch aggregates over one window (epochs `fromEpoch..toEpoch` inclusive),
 * plus the per-epoch statistics that cannot be recovered from sums (correlated misses, peak
 * simultaneous miss share, first/last validator counts).
 */
export type WindowSummary = {
  fromEpoch: number;
  toEpoch: number;
  epochs: number;
  attestations: AttestationAggregate;
  proposals: Required<ProposalAggregate> & { pricedDuties: number };
  sync: Required<SyncAggregate> & { pricedDuties: number };
  balanceDeltaGwei: number;
  effectiveBalanceGwei: number;
  exitedValidators: number;
  /** Source misses that happened in epochs where many of the set's validators missed together. */
  correlatedMisses: number;
  /** Largest share of active validators missing the source flag together (as above) in one epoch. */
  maxMissingShare: number;
  maxActiveValidators: number;
  lastActiveValidators: number;
};

/** A versioned feature vector: `values[i]` is the feature named `FEATURE_NAMES[i]` of `version`. */
export type FeatureVector = {
  operatorId: string;
  atEpoch: number;
  version: string;
  values: number[];
};
