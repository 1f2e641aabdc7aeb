/**
 * Feature set "ofv3". Change FEATURE_VERSION whenever a definition, transform, order or range
 * changes: models record the version they were trained on and the scorer refuses a mismatch.
 *
 * Every feature is bounded to [lo, hi] by its definition, so a model can map the range onto
 * [-4, 4] inside its first layer and fixed-point circuits never see an out-of-range input.
 * Rates that span orders of magnitude (0.1% vs 5% misses) are taken as log10(rate + 1e-4), in
 * [-4, 0]: a linear scale would squash all ordinary operators into one quantization step.
 *
 * ofv2 (from ofv1): rates are shrunk toward the network's (Beta-binomial, prior strengths below),
 * so one miss of a one-validator operator is not read as an outage; the relative-performance
 * features compare with the network, not with the batch's median operator, so a vector does not
 * depend on which other operators are scored with it; the peak miss share and the correlation
 * index count only misses of several validators together; the inputs that restated another one
 * (7-day performance gap ≈ source misses, network share ≈ size, balance growth gap ≈ 30-day
 * shortfall plus slashing losses, 7-day target misses) are gone, and so are those that read past
 * slashings as a forecast (slashed count, recency, cluster size): src/loss prices slashing. New:
 * 30-day late head votes, the part of head misses that downtime does not explain.
 *
 * ofv3 (from ofv2): late heads are counted per attestation included with its target, not per
 * duty. Per duty, downtime diluted them (an offline validator has no head, so no late head): a
 * month offline read as the best latency, and every model trained on ofv2 that ranked well scored
 * it as healthy (docs/model.md, the archetype gate).
 *
 * ofv4 (from ofv3): `under_threshold_30d` applies Lido CSM's rule per validator, as Lido does,
 * and is the share of validators under the line; per operator, one key far under the line among
 * twelve healthy ones averaged away.
 * ofv5 (from ofv4): the 1- and 7-day rates are shrunk toward the operator's own shrunk 30-day
 * rate, not the network's: a one-key operator that missed a tenth of its duties all month read
 * ordinary on its thin last day, and ranked below healthier operators of many keys.
 */
export const FEATURE_VERSION = "ofv5";

export type FeatureSpec = { name: string; lo: number; hi: number; description: string };

export const FEATURE_SPECS: readonly FeatureSpec[] = [
  {
    name: "eff_shortfall_log_1d",
    lo: -4,
    hi: 0,
    description:
      "log10(1 − effectiveness + 1e-4), effectiveness = 54:8:2 weighted Σearned/Σideal (attest/propose/sync), last day, shrunk toward the operator's own 30-day shortfall (below)",
  },
  {
    name: "eff_shortfall_log_7d",
    lo: -4,
    hi: 0,
    description: "as above, last 7 days, shrunk toward the operator's own 30-day shortfall",
  },
  {
    name: "eff_shortfall_log_30d",
    lo: -4,
    hi: 0,
    description: "as above, last 30 days, shrunk toward the network's",
  },
  {
    name: "head_miss_log_7d",
    lo: -4,
    hi: 0,
    description:
      "log10(head misses / duties + 1e-4), last 7 days, shrunk toward the operator's own 30-day rate (itself shrunk toward the network's)",
  },
  {
    name: "late_head_per_included_log_30d",
    lo: -4,
    hi: 0,
    description:
      "log10((head misses − target misses) / (duties − target misses) + 1e-4), last 30 days: head votes late or wrong among attestations included with their target (latency, not downtime), shrunk toward the network's rate with 1,575 included attestations; none included (offline all month) reads as the network, since downtime is the other features' to show",
  },
  {
    name: "source_miss_log_7d",
    lo: -4,
    hi: 0,
    description:
      "log10(source misses / duties + 1e-4), last 7 days, shrunk toward the operator's own 30-day rate (itself shrunk toward the network's)",
  },
  {
    name: "proposal_miss_30d",
    lo: 0,
    hi: 1,
    description: "missed / proposer duties, last 30 days, shrunk toward the network's rate",
  },
  {
    name: "sync_miss_log_30d",
    lo: -4,
    hi: 0,
    description: "log10(1 − sync participation + 1e-4), last 30 days, shrunk toward the network's",
  },
  {
    name: "perf_gap_log_30d",
    lo: -4,
    hi: 0,
    description:
      "log10(max(0, network perf − perf) + 1e-4), perf = included/assigned attestations (shrunk), last 30 days",
  },
  {
    name: "under_threshold_30d",
    lo: 0,
    hi: 1,
    description:
      "share of the operator's validators whose own included/assigned attestations < the network's − 0.05 (Lido CSM's rule, per validator), over the whole days of the 30-day window",
  },
  {
    name: "correlation_30d",
    lo: 0,
    hi: 1,
    description:
      "source misses in epochs where ≥ max(2, 10%) of the operator's validators missed together / (all source misses + 8), last 30 days",
  },
  {
    name: "max_missing_share_30d",
    lo: 0,
    hi: 1,
    description:
      "largest share of the operator's validators missing together (≥ max(2, 10%)) in one epoch, last 30 days",
  },
  {
    name: "validators_log",
    lo: 0,
    hi: 5,
    description: "log10(1 + active validators at the epoch)",
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
/**
 * Prior strengths of the shrinkage toward the network, in duties (Beta-binomial posterior mean
 * (misses + k·network rate) / (duties + k)): one validator-week of attestations (1,575), four
 * proposals, one sync period of one member (256 epochs × 32 slots). A one-validator operator's
 * day is then 1/8 its own evidence, a 100-validator operator's day 93%.
 */
export const ATTESTATION_PRIOR_DUTIES = 1_575;
export const PROPOSAL_PRIOR_DUTIES = 4;
export const SYNC_PRIOR_DUTIES = 8_192;
/** Misses of prior evidence before the correlation index believes a share of correlated misses. */
export const CORRELATION_PRIOR_MISSES = 8;
export const EPOCHS_PER_YEAR = 82_125;
