import { DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI, slashedValidatorLoss } from "./electraPenalties.js";
import { IDEAL_REWARDS_30D_BPS } from "./idealRewards.js";

/** The named common-mode events, in the order the API lists them. */
export const STRESS_SCENARIOS = {
  /** Every validator of the operator slashed together (keys duplicated across a whole setup). */
  operator_set_slashed:
    "all of the operator's validators slashed in one incident (Electra initial, until-withdrawable and correlation penalties)",
  /** A client bug or shared-infrastructure failure taking the whole set offline for 7 days (no inactivity leak). */
  operator_offline_7d:
    "all of the operator's validators offline for 7 days: rewards missed plus source/target penalties",
} as const;
export type StressScenario = keyof typeof STRESS_SCENARIOS;

export type StressedLossParameters = {
  validators: number;
  totalActiveBalanceGwei?: bigint;
};

export type StressedLossReturnType = Record<StressScenario, { ethPer32: number; bps: number }>;

/** (d): the loss per 32 ETH if a named common-mode event happened now. */
export function stressedLoss({
  validators,
  totalActiveBalanceGwei = DEFAULT_TOTAL_ACTIVE_BALANCE_GWEI,
}: StressedLossParameters): StressedLossReturnType {
  const n = BigInt(Math.max(1, Math.round(validators)));
  const slashed =
    Number(
      slashedValidatorLoss({ totalActiveBalanceGwei, slashedInWindowGwei: n * 32_000_000_000n })
        .totalGwei,
    ) / 1e9;
  // Offline: ideal rewards forgone (a base reward per epoch) plus source+target penalties (40/64 of it).
  const offlineBps = IDEAL_REWARDS_30D_BPS * (7 / 30) * (1 + 40 / 64);
  return {
    operator_set_slashed: { ethPer32: slashed, bps: (slashed / 32) * 10_000 },
    operator_offline_7d: { ethPer32: (offlineBps / 10_000) * 32, bps: offlineBps },
  };
}
