import { DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI, slashedValidatorLoss } from "./electraPenalties.js";
import { SLASHED_VALIDATORS_PER_VALIDATOR_YEAR, type ClusterSizePoint } from "./slashingPrior.js";

/**
 * Validators slashed elsewhere in a validator's 8,192-epoch correlation window at the public
 * rate: 2.2e-4 per validator-year × 1,000,000 validators × 8,192 / 82,125 epochs a year ≈ 22.
 */
export const BACKGROUND_SLASHED_VALIDATORS = Math.round(
  (SLASHED_VALIDATORS_PER_VALIDATOR_YEAR * 1_000_000 * 8_192) / 82_125,
);
export const BACKGROUND_SLASHED_IN_WINDOW_GWEI =
  32_000_000_000n * BigInt(BACKGROUND_SLASHED_VALIDATORS);
export const HORIZON_DAYS = 30;

export type ExpectedLossParameters = {
  /** (a) expected 30-day performance shortfall, bp of stake. */
  shortfallBps30d: number;
  /** (b) expected slashing incidents per operator-year and the cluster-size distribution. */
  incidentsPerYear: number;
  clusterSizes: readonly ClusterSizePoint[];
  validators: number;
  totalActiveBalanceGwei?: bigint;
  backgroundSlashedGwei?: bigint;
};

export type ExpectedLossReturnType = {
  /** Expected loss over the next 30 days in ETH per 32 ETH staked: shortfall + slashing. */
  ethPer32: number;
  /** The same in bp of stake: the on-chain score's definition (rounded there). */
  bps30d: number;
  shortfallEthPer32: number;
  slashingEthPer32: number;
  /** Probability of at least one slashing incident in the 30 days. */
  slashingProbability30d: number;
};

/**
 * (c): shortfall plus the expected slashing loss per 32 ETH staked over 30 days. An incident
 * slashing K of the operator's n validators costs each of them the spec's Electra loss with K
 * validators (plus the background) in the correlation window, a share K/n of the stake.
 */
export function expectedLoss({
  shortfallBps30d,
  incidentsPerYear,
  clusterSizes,
  validators,
  totalActiveBalanceGwei = DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI,
  backgroundSlashedGwei = BACKGROUND_SLASHED_IN_WINDOW_GWEI,
}: ExpectedLossParameters): ExpectedLossReturnType {
  const n = Math.max(1, validators);
  const incidents30d = (incidentsPerYear * HORIZON_DAYS) / 365.25;
  let lossPerIncidentEth = 0;
  for (const { size, probability } of clusterSizes) {
    const k = Math.min(size, n);
    const perValidator = slashedValidatorLoss({
      totalActiveBalanceGwei,
      slashedInWindowGwei: BigInt(k) * 32_000_000_000n + backgroundSlashedGwei,
    });
    lossPerIncidentEth += probability * (k / n) * (Number(perValidator.totalGwei) / 1e9);
  }
  const slashingEthPer32 = incidents30d * lossPerIncidentEth;
  const shortfallEthPer32 = (shortfallBps30d / 10_000) * 32;
  const ethPer32 = shortfallEthPer32 + slashingEthPer32;
  return {
    ethPer32,
    bps30d: (ethPer32 / 32) * 10_000,
    shortfallEthPer32,
    slashingEthPer32,
    slashingProbability30d: 1 - Math.exp(-incidents30d),
  };
}
