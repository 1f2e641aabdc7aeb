import { EPOCHS_PER_YEAR } from "./featureSpec.js";
import type { WindowSummary } from "./types.js";

export type BalanceGrowthGapParameters = { operator: WindowSummary; network: WindowSummary };

/**
 * Operator balance growth minus network balance growth over the same window, as annualised
 * percentage points: growth per epoch = Σ balance delta / Σ effective balance (both summed over
 * the window's epochs). Undefined when either side had no effective balance.
 */
export function balanceGrowthGap({
  operator,
  network,
}: BalanceGrowthGapParameters): number | undefined {
  if (operator.effectiveBalanceGwei <= 0 || network.effectiveBalanceGwei <= 0) return undefined;
  const op = operator.balanceDeltaGwei / operator.effectiveBalanceGwei;
  const net = network.balanceDeltaGwei / network.effectiveBalanceGwei;
  return (op - net) * EPOCHS_PER_YEAR * 100;
}
