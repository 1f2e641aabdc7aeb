/**
 * Ideal rewards of 30 days in bp of stake: one base reward (11,424 gwei at 32 ETH and ~1M
 * validators; attestation 54/64 + proposer 8/64 + sync 2/64) per epoch × 6,750 epochs / 32 ETH.
 */
export const IDEAL_REWARDS_30D_BPS = (11_424 * 6_750 * 10_000) / 32e9;
