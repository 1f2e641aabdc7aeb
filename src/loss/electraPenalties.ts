/**
 * Consensus-spec constants (mainnet preset, Electra) behind a slashed validator's loss. Values
 * from the consensus specs: phase0/altair presets, bellatrix PROPORTIONAL_SLASHING_MULTIPLIER,
 * electra MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA.
 */
export const EFFECTIVE_BALANCE_INCREMENT_GWEI = 1_000_000_000n;
export const BASE_REWARD_FACTOR = 64n;
export const MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA = 4096n;
export const PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX = 3n;
export const EPOCHS_PER_SLASHINGS_VECTOR = 8192;
export const TIMELY_SOURCE_WEIGHT = 14n;
export const TIMELY_TARGET_WEIGHT = 26n;
export const WEIGHT_DENOMINATOR = 64n;
/** ~1,000,000 active validators of 32 ETH (2024–2026), the default network size. */
export const DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI = 32_000_000_000n * 1_000_000n;

export type SlashedValidatorLossParameters = {
  effectiveBalanceGwei?: bigint;
  /** Total active balance of the network (gwei). */
  totalActiveBalanceGwei?: bigint;
  /**
   * Everything slashed within the 8,192-epoch window around this validator's slashing (gwei),
   * this validator included: the sum of `state.slashings` the correlation penalty reads.
   */
  slashedInWindowGwei: bigint;
};

export type SlashedValidatorLossReturnType = {
  /** `slash_validator`: effective balance / 4,096 (Electra). */
  initialGwei: bigint;
  /** Source and target penalties every epoch until withdrawable (8,192 epochs), head has none. */
  untilWithdrawableGwei: bigint;
  /** Electra `process_slashings`: 3 × slashed total relative to total active balance. */
  correlationGwei: bigint;
  totalGwei: bigint;
};

/**
 * The balance a slashed validator loses by the spec (Electra), in integer gwei as the state
 * transition computes it. "Until withdrawable" assumes the effective balance and total active
 * balance stay as given for the 8,192 epochs (no inactivity leak), so it is exact to the few
 * epochs around exit and to effective-balance hysteresis steps.
 */
export function slashedValidatorLoss({
  effectiveBalanceGwei = 32_000_000_000n,
  totalActiveBalanceGwei = DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI,
  slashedInWindowGwei,
}: SlashedValidatorLossParameters): SlashedValidatorLossReturnType {
  const increment = EFFECTIVE_BALANCE_INCREMENT_GWEI;
  const initialGwei = effectiveBalanceGwei / MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA;
  // get_base_reward: increments × (increment × BASE_REWARD_FACTOR // isqrt(total active balance)).
  const baseRewardPerIncrement = (increment * BASE_REWARD_FACTOR) / isqrt(totalActiveBalanceGwei);
  const baseReward = (effectiveBalanceGwei / increment) * baseRewardPerIncrement;
  const perEpoch =
    (baseReward * TIMELY_SOURCE_WEIGHT) / WEIGHT_DENOMINATOR +
    (baseReward * TIMELY_TARGET_WEIGHT) / WEIGHT_DENOMINATOR;
  const untilWithdrawableGwei = perEpoch * BigInt(EPOCHS_PER_SLASHINGS_VECTOR);
  const adjusted = min(
    slashedInWindowGwei * PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX,
    totalActiveBalanceGwei,
  );
  const penaltyPerIncrement = adjusted / (totalActiveBalanceGwei / increment);
  const correlationGwei = penaltyPerIncrement * (effectiveBalanceGwei / increment);
  return {
    initialGwei,
    untilWithdrawableGwei,
    correlationGwei,
    totalGwei: initialGwei + untilWithdrawableGwei + correlationGwei,
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Integer square root (the spec's `integer_squareroot`), Newton's method on bigint. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}
