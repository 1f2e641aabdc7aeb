/**
 * Feature set "ofv1". Change FEATURE_VERSION whenever a definition, transform, order or range
 * changes: models record the version they were trained on and the scorer refuses a mismatch.
 *
 * Every feature is bounded to [lo, hi] by its definition, so a model can map the range onto
 * [-4, 4] inside its first layer and fixed-point circuits never see an out-of-range input.
 * Rates that span orders of magnitude (0.1% vs 5% misses) are taken as log10(rate + 1e-4), in
 * [-4, 0]: a linear scale would squash all ordinary operators into one quantization step.
 */
export const FEATURE_VERSION = "ofv1";

export type FeatureSpec = { name: string; lo: number; hi: number; description: string };

export const FEATURE_SPECS: readonly FeatureSpec[] = [
  {
    name: "eff_shortfall_log_1d",
    lo: -4,
    hi: 0,
    description:
      "log10(1 − effectiveness + 1e-4), effectiveness = 54:8:2 weighted Σearned/Σideal (attest/propose/sync), last day",
  },
  { name: "eff_shortfall_log_7d", lo: -4, hi: 0, description: "as above, last 7 days" },
  { name: "eff_shortfall_log_30d", lo: -4, hi: 0, description: "as above, last 30 days" },
  {
    name: "head_miss_log_7d",
    lo: -4,
    hi: 0,
    description: "log10(head misses / duties + 1e-4), last 7 days",
  },
  {
    name: "target_miss_log_7d",
    lo: -4,
    hi: 0,
    description: "log10(target misses / duties + 1e-4), last 7 days",
  },
  {
    name: "source_miss_log_7d",
    lo: -4,
    hi: 0,
    description: "log10(source misses / duties + 1e-4), last 7 days",
  },
  {
    name: "proposal_miss_30d",
    lo: 0,
    hi: 1,
    description:
      "missed / proposer duties, last 30 days (network rate when the operator had no duty)",
  },
  {
    name: "sync_miss_log_30d",
    lo: -4,
    hi: 0,
    description: "log10(1 − sync participation + 1e-4), last 30 days (network rate when no duty)",
  },
  {
    name: "perf_gap_log_7d",
    lo: -4,
    hi: 0,
    description:
      "log10(max(0, network median perf − perf) + 1e-4), perf = included/assigned attestations, last 7 days",
  },
  { name: "perf_gap_log_30d", lo: -4, hi: 0, description: "as above, last 30 days" },
  {
    name: "under_threshold_30d",
    lo: 0,
    hi: 1,
    description: "1 when 30-day perf < network median perf − 0.05 (Lido CSM style), else 0",
  },
  {
    name: "correlation_30d",
    lo: 0,
    hi: 1,
    description:
      "share of source misses in epochs where ≥ max(2, 10%) of the operator's validators missed together, last 30 days",
  },
  {
    name: "max_missing_share_30d",
    lo: 0,
    hi: 1,
    description: "largest share of the operator's validators missing in one epoch, last 30 days",
  },
  {
    name: "slashed_log",
    lo: 0,
    hi: 4,
    description: "log10(1 + validators of the operator ever slashed before the epoch)",
  },
  {
    name: "slashing_recency",
    lo: 0,
    hi: 1,
    description: "exp(−days since the operator's last slashing / 90); 0 if never",
  },
  {
    name: "slashing_cluster_log",
    lo: 0,
    hi: 4,
    description: "log10(1 + largest number of the operator's validators slashed within one day)",
  },
  {
    name: "balance_gap_symlog_30d",
    lo: -4,
    hi: 4,
    description:
      "symlog of (operator − network) balance growth in APR percentage points: sign·log10(1 + |gap|/0.01), last 30 days",
  },
  {
    name: "validators_log",
    lo: 0,
    hi: 5,
    description: "log10(1 + active validators at the epoch)",
  },
  {
    name: "network_share_log",
    lo: 0,
    hi: 4,
    description:
      "log10(1 + operator effective balance share of the network in basis points), last day",
  },
  {
    name: "exit_rate_30d",
    lo: 0,
    hi: 1,
    description: "validators exited in the last 30 days / largest active count in the window",
  },
];

export const FEATURE_NAMES: readonly string[] = FEATURE_SPECS.map((s) => s.name);
export const FEATURE_COUNT = FEATURE_SPECS.length;

/** Constants of the definitions above, shared by the feature functions. */
export const RATE_FLOOR = 1e-4;
export const CSM_LEEWAY = 0.05;
export const CORRELATED_MIN_VALIDATORS = 2;
export const CORRELATED_MIN_SHARE = 0.1;
export const SLASHING_RECENCY_DAYS = 90;
export const BALANCE_GAP_UNIT_PP = 0.01;
export const EPOCHS_PER_YEAR = 82_125;
