import { FEATURE_NAMES, RATE_FLOOR } from "../features/index.js";

/**
 * Ideal rewards of 30 days in bp of stake: one base reward (11,424 gwei at 32 ETH and ~1M
 * validators; attestation 54/64 + proposer 8/64 + sync 2/64) per epoch × 6,750 epochs / 32 ETH.
 */
export const IDEAL_REWARDS_30D_BPS = (11_424 * 6_750 * 10_000) / 32e9;
export type ExpectedShortfallParameters = {
  /** An "ofv3" feature vector (values in FEATURE_NAMES order). */
  features: readonly number[];
};

export type ExpectedShortfallReturnType = {
  /** Expected shortfall over the next 30 days in bp of stake (missed rewards plus penalties). */
  bps30d: number;
  /** The shortfall share of ideal rewards it is forecast from (7-day and 30-day mean). */
  share: number;
};

const I7 = FEATURE_NAMES.indexOf("eff_shortfall_log_7d");
const I30 = FEATURE_NAMES.indexOf("eff_shortfall_log_30d");

/**
 * (a) of the published loss: recent shortfall persists, so the next 30 days are forecast from
 * the last 7 and 30 days. The feature values are already shrunk toward the network's by the
 * operator's evidence (ofv2, Beta-binomial in attestation duties), so one miss of a one-validator
 * operator does not read as an outage here either; shrinking again would count the prior twice.
 */
export function expectedShortfall({
  features,
}: ExpectedShortfallParameters): ExpectedShortfallReturnType {
  const fromLog = (logValue: number) => Math.max(0, 10 ** logValue - RATE_FLOOR);
  const share = (fromLog(features[I7]) + fromLog(features[I30])) / 2;
  return { bps30d: share * IDEAL_REWARDS_30D_BPS, share };
}
