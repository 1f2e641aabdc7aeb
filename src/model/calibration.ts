/**
 * Constants of the operator simulator. Each is derived in docs/model.md ("Calibration"); the
 * comments give the short reason. Changing one changes the training data, so the model card
 * records the simulator version below.
 */
export const SIMULATOR_VERSION = "opsim3";

/** Mainnet scale and Altair/Electra reward arithmetic at 32 ETH effective balance. */
export const NETWORK_VALIDATORS = 1_000_000;
export const EFFECTIVE_BALANCE_GWEI = 32e9;
/** 32 × floor(1e9 · 64 / isqrt(32e15 gwei)) = 32 × 357. */
export const BASE_REWARD_GWEI = 11_424;
export const SOURCE_IDEAL_GWEI = (BASE_REWARD_GWEI * 14) / 64;
export const TARGET_IDEAL_GWEI = (BASE_REWARD_GWEI * 26) / 64;
export const HEAD_IDEAL_GWEI = (BASE_REWARD_GWEI * 14) / 64;
/** Proposer share 8/64 of an epoch's rewards, over 32 blocks: N · B / 256. */
export const PROPOSAL_IDEAL_GWEI = (NETWORK_VALIDATORS * BASE_REWARD_GWEI) / 256;
/** Sync share 2/64 of an epoch's rewards over 32 slots and 512 members, per member-slot. */
export const SYNC_IDEAL_GWEI = (NETWORK_VALIDATORS * BASE_REWARD_GWEI * 2) / 64 / 32 / 512;
/** Electra initial penalty EB/4096 plus ~8,192 epochs of missed source+target until withdrawable. */
export const SLASHING_LOSS_GWEI =
  EFFECTIVE_BALANCE_GWEI / 4096 + 8192 * (SOURCE_IDEAL_GWEI + TARGET_IDEAL_GWEI);
export const SYNC_COMMITTEE_SIZE = 512;
export const SYNC_PERIOD_EPOCHS = 256;
export const SLOTS_PER_EPOCH = 32;

/** Network-wide source miss share outside incidents (aggregate CSM-frame perf ≈ 0.997). */
export const NETWORK_MISS_SHARE = 0.003;
export const NETWORK_HEAD_EXTRA_MISS = 0.01;
export const NETWORK_TARGET_EXTRA_MISS = 0.002;
export const NETWORK_PROPOSAL_MISS = 0.01;

/** Client diversity: four clients with these shares of operators and of the network. */
export const CLIENT_SHARES = [0.4, 0.3, 0.2, 0.1] as const;
/** Client-bug incidents: about one every 90 days, lasting hours, taking part of a client's nodes down. */
export const CLIENT_INCIDENTS_PER_DAY = 1 / 90;
export const CLIENT_INCIDENT_HOURS_MEDIAN = 3;
export const CLIENT_INCIDENT_AFFECTED = 0.5;

/** Operator size and practice by profile; shares of operators in the population. */
export const PROFILES = {
  solo: { share: 0.45, migrationsPerYear: 0.4, remoteSignerShare: 0.02 },
  community: { share: 0.35, migrationsPerYear: 0.7, remoteSignerShare: 0.1 },
  professional: { share: 0.2, migrationsPerYear: 1.5, remoteSignerShare: 0.6 },
} as const;
export type OperatorProfile = keyof typeof PROFILES;

/**
 * Per-validator independent miss probability per epoch: log-normal around 2.5e-4, scaled by the
 * operator's latent "badness" z ~ N(0,1). Fitted so the simulated CSM-like population matches
 * the real CSM frame (median perf 0.999, a tail under 0.947): see the calibration test.
 */
export const BASE_MISS_MEDIAN = 2.5e-4;
export const BASE_MISS_Z_SLOPE = 0.8;
export const BASE_MISS_NOISE = 0.4;
export const HEAD_EXTRA_MISS_MEDIAN = 0.008;
export const TARGET_EXTRA_MISS_MEDIAN = 0.0015;

/** Outages of shared infrastructure: hazard per day, duration, share of validators taken down. */
export const OUTAGES_PER_DAY_MEDIAN = 0.02;
export const OUTAGE_Z_SLOPE = 0.9;
export const OUTAGE_HOURS_MEDIAN = 1.5;
export const OUTAGE_HOURS_SIGMA = 1.2;
export const OUTAGE_WHOLE_INFRA_SHARE = 0.6;

/** Degraded periods (bad peers, overloaded host): the CSM frame's 0.91–0.96 validators. */
export const DEGRADED_PER_DAY_MEDIAN = 0.003;
export const DEGRADED_Z_SLOPE = 1.4;
export const DEGRADED_DAYS_MEDIAN = 5;
export const DEGRADED_MISS_RANGE = [0.03, 0.25] as const;

/**
 * Infrastructure migrations: a preparation phase with partial moves and restarts (visible as
 * correlated misses), then a cut-over where keys may run in two places (the main real cause of
 * slashings). The double-signing probability per migration is set so the population's slashed
 * share is ~2e-4 per validator-year (438 slashed by Sep 2024 over ~2.3M validator-years).
 */
export const MIGRATION_PREP_DAYS = [2, 10] as const;
export const MIGRATION_PREP_OUTAGES_PER_DAY = 0.6;
export const DOUBLE_SIGN_PER_MIGRATION_MEDIAN = 4e-3;
export const DOUBLE_SIGN_Z_SLOPE = 1.0;
/** Remote-signer misconfiguration (Launchnodes, Oct 2023): per day, operators with a remote signer. */
export const SIGNER_MISCONFIG_PER_DAY_MEDIAN = 5e-6;
export const SIGNER_MISCONFIG_Z_SLOPE = 1.0;
/** Client bug that makes a node sign conflicting messages: per affected operator and incident. */
export const CLIENT_BUG_SLASHING_PROB = 1e-3;

/** Largest batch of keys one incident can slash: log-uniform between these (real clusters 11–75). */
export const MAX_CLUSTER_RANGE = [5, 100] as const;

/** Voluntary exits: per validator per day (≈ 17% a year, the 2024 churn of exits). */
export const EXITS_PER_VALIDATOR_DAY = 0.0005;

/**
 * Slashing draws are made `SLASHING_BOOST` times likelier in training data so the model sees
 * enough of them; every sample carries the likelihood ratio of its path as an importance weight,
 * so weighted training and weighted metrics estimate the un-boosted (calibrated) population.
 */
export const SLASHING_BOOST = 50;
/**
 * A boosted draw is made at most this likely (unless it is likelier unboosted), and the boosted
 * expected count of an operator's past incidents at most BOOSTED_HISTORY_MEAN_CAP. Uncapped, a
 * high-hazard operator that escaped near-certain boosted draws carried a likelihood ratio of up to
 * e^15: one sample outweighed hundreds and decided a seed's AUROC (opsim2 weights reached 150).
 * Any boost ≥ 1 stays unbiased once weighted, so capping it only cuts the variance.
 */
export const BOOSTED_PROBABILITY_CAP = 0.2;
export const BOOSTED_HISTORY_MEAN_CAP = 0.5;
