/**
 * The documented prior for slashing incidence (docs/model.md, "Expected loss"), from public
 * mainnet figures (../shared/data/README.md):
 * - 438 validators slashed by Sep 2024 over roughly 2.0M validator-years (226 of 524,060 by
 *   Feb 2023): 2.2e-4 slashed validators per validator-year;
 * - most incidents slash one key; a few slash a batch of one operator (RockLogic 11,
 *   Launchnodes 20, SSV 39, Staked 75): about 15 such incidents against roughly 290 single ones.
 */
export const SLASHED_VALIDATORS_PER_VALIDATOR_YEAR = 2.2e-4;
/** Share of incidents that slash one key; the rest slash a batch. */
export const SINGLE_KEY_INCIDENT_SHARE = 0.95;
/** A batch incident slashes min(operator size, U), U log-uniform over this range (real batches 11–75). */
export const CLUSTER_BATCH_RANGE = [5, 100] as const;
/**
 * Gamma prior shape on an operator's incident rate: 1 means the operator's own history counts as
 * much as one incident-equivalent of population evidence, so one past incident roughly doubles
 * the rate instead of turning into a near-certain forecast.
 */
export const PRIOR_SHAPE = 1;

export type ClusterSizePoint = { size: number; probability: number };

export type SlashingIncidenceParameters = {
  validators: number;
  /** The operator's own record: incidents (clusters, not validators) over the years observed. */
  history?: { incidents: number; exposureYears: number };
};

export type SlashingIncidenceReturnType = {
  /** Expected slashing incidents per operator-year (posterior mean). */
  incidentsPerYear: number;
  /** The population prior before the operator's history. */
  priorIncidentsPerYear: number;
  /** Distribution of validators slashed in one incident (sums to 1). */
  clusterSizes: ClusterSizePoint[];
  expectedClusterSize: number;
};

/**
 * Incidents per operator-year: the per-validator rate × size / expected cluster size, so the
 * population's slashed validators per validator-year match the public figure at every size, and
 * big operators are hit by fewer but larger incidents. History updates it as a Gamma–Poisson
 * posterior mean.
 */
export function slashingIncidence({
  validators,
  history,
}: SlashingIncidenceParameters): SlashingIncidenceReturnType {
  const n = Math.max(1, Math.round(validators));
  const clusterSizes = clusterSizeDistribution(n);
  const expectedClusterSize = clusterSizes.reduce((a, c) => a + c.size * c.probability, 0);
  const priorIncidentsPerYear = (SLASHED_VALIDATORS_PER_VALIDATOR_YEAR * n) / expectedClusterSize;
  const incidents = history?.incidents ?? 0;
  const exposure = history?.exposureYears ?? 0;
  const incidentsPerYear =
    (PRIOR_SHAPE + incidents) / (PRIOR_SHAPE / priorIncidentsPerYear + exposure);
  return { incidentsPerYear, priorIncidentsPerYear, clusterSizes, expectedClusterSize };
}

/** P(K = k) for an operator of n validators, on integer sizes (log-uniform batch, discretised). */
export function clusterSizeDistribution(n: number): ClusterSizePoint[] {
  const [lo, hi] = CLUSTER_BATCH_RANGE;
  const batch = new Map<number, number>();
  const span = Math.log(hi / lo);
  // The batch size U is continuous log-uniform; round it to the nearest key count, cap at n.
  for (let k = lo; k <= hi; k++) {
    const a = Math.max(lo, k - 0.5);
    const b = Math.min(hi, k + 0.5);
    const p = Math.log(b / a) / span;
    const size = Math.min(n, k);
    batch.set(size, (batch.get(size) ?? 0) + p);
  }
  const out = new Map<number, number>([[1, SINGLE_KEY_INCIDENT_SHARE]]);
  for (const [size, p] of batch)
    out.set(size, (out.get(size) ?? 0) + (1 - SINGLE_KEY_INCIDENT_SHARE) * p);
  return [...out].sort((x, y) => x[0] - y[0]).map(([size, probability]) => ({ size, probability }));
}
