import { FEATURE_NAMES, RATE_FLOOR } from "../features/index.js";

/**
 * Ideal rewards of 30 days in bp of stake: one base reward (11,424 gwei at 32 ETH and ~1M
 * validators; attestation 54/64 + proposer 8/64 + sync 2/64) per epoch × 6,750 epochs / 32 ETH.
 */
export const IDEAL_REWARDS_30D_BPS = (11_424 * 6_750 * 10_000) / 32e9;
/** Population shortfall (share of ideal rewards) small operators are shrunk toward. */
export const POPULATION_SHORTFALL_SHARE = 0.01;
/** Prior strength in validator-epochs: one validator's month counts as much as the population. */
export const SHRINKAGE_VALIDATOR_EPOCHS = 6_750;

export type ExpectedShortfallParameters = {
  /** An "ofv1" feature vector (values in FEATURE_NAMES order). */
  features: readonly number[];
};

export type ExpectedShortfallReturnType = {
  /** Expected shortfall over the next 30 days in bp of stake (missed rewards plus penalties). */
  bps30d: number;
  /** The observed shortfall share of ideal rewards (7-day and 30-day mean) before shrinkage. */
  observedShare: number;
  /** Weight of the operator's own record against the population (0..1). */
  evidenceWeight: number;
};

const I7 = FEATURE_NAMES.indexOf("eff_shortfall_log_7d");
const I30 = FEATURE_NAMES.indexOf("eff_shortfall_log_30d");
const IV = FEATURE_NAMES.indexOf("validators_log");

/**
 * (a) of the published loss: recent shortfall persists, so the next 30 days are forecast from
 * the last 7 and 30 days, shrunk toward the population by the operator's evidence (validators ×
 * a month of epochs), so one miss of a one-validator operator does not read as an outage.
 */
export function expectedShortfall({
  features,
}: ExpectedShortfallParameters): ExpectedShortfallReturnType {
  const share = (logValue: number) => Math.max(0, 10 ** logValue - RATE_FLOOR);
  const observedShare = (share(features[I7]) + share(features[I30])) / 2;
  const validators = Math.max(0, 10 ** features[IV] - 1);
  const evidence = validators * 6_750;
  const evidenceWeight = evidence / (evidence + SHRINKAGE_VALIDATOR_EPOCHS);
  const shrunk = evidenceWeight * observedShare + (1 - evidenceWeight) * POPULATION_SHORTFALL_SHARE;
  return { bps30d: shrunk * IDEAL_REWARDS_30D_BPS, observedShare, evidenceWeight };
}
