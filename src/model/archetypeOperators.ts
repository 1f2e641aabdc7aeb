import {
  computeFeatures,
  csmWindowDays,
  EPOCHS_PER_DAY,
  type NetworkEpochAggregate,
  type OperatorEpochAggregate,
  type ValidatorDuties,
  WINDOWS,
} from "../features/index.js";

/** A named operator whose score a risk team can judge at a glance. */
export type ArchetypeOperator = { name: ArchetypeName; description: string; features: number[] };

export type ArchetypeName = "healthy" | "offline_1d" | "offline_7d" | "offline_30d" | "lone_miss";

/** The scoring epoch: any epoch with 30 days of aggregates before it. */
const AT = 100_000;
const NETWORK_VALIDATORS = 10_000;
/** Size of the healthy and offline operators: equal, so their scores differ by behaviour alone. */
const OPERATOR_VALIDATORS = 100;
/** The network's miss rates per attestation duty, of the order the simulator and mainnet show. */
const SOURCE_MISS = 0.005;
const TARGET_MISS = 0.008;
const HEAD_MISS = 0.015;
/** Rewards per validator per flag when earned (gwei; the spec's 14/26/14 weights). */
const REWARD = { source: 14, target: 26, head: 14 };
/** The operator proposes every this many epochs (about 22 blocks a month for 100 validators). */
const PROPOSAL_EVERY = 300;
/** A sync-committee period of one member, inside the last 7 days but before the last day. */
const SYNC_FROM = AT - 3 * EPOCHS_PER_DAY;
const SYNC_EPOCHS = 256;

/** Deterministic misses at `rate` of `n` duties: the running count rounded, so the window sums are exact. */
const missesAt = (epoch: number, rate: number, n: number) =>
  Math.floor((epoch + 1) * rate * n) - Math.floor(epoch * rate * n);

/** One epoch of `n` validators of which `offline` miss everything and the rest miss at the network's rates. */
function epochAggregate(epoch: number, n: number, offline: boolean): NetworkEpochAggregate {
  const source = offline ? n : missesAt(epoch, SOURCE_MISS, n);
  const target = offline ? n : missesAt(epoch, TARGET_MISS, n);
  const head = offline ? n : missesAt(epoch, HEAD_MISS, n);
  const proposing = epoch % PROPOSAL_EVERY === 0;
  const syncing = epoch >= SYNC_FROM && epoch < SYNC_FROM + SYNC_EPOCHS;
  return {
    epoch,
    activeValidators: n,
    attestations: {
      duties: n,
      // A missed source or target flag is a penalty of its reward; a missed head earns nothing.
      sourceEarned: REWARD.source * (n - 2 * source),
      sourceIdeal: REWARD.source * n,
      targetEarned: REWARD.target * (n - 2 * target),
      targetIdeal: REWARD.target * n,
      headEarned: REWARD.head * (n - head),
      headIdeal: REWARD.head * n,
      inactivityPenalty: 0,
      sourceMisses: source,
      targetMisses: target,
      headMisses: head,
    },
    proposals: { duties: proposing ? 1 : 0, produced: proposing && !offline ? 1 : 0 },
    sync: { duties: syncing ? 32 : 0, participated: syncing && !offline ? 32 : 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 32e9 * n,
    exitedValidators: 0,
  };
}

/** 30 days of an operator's aggregates, offline for its last `offlineEpochs`. */
function operatorSeries(
  operatorId: string,
  n: number,
  offlineEpochs: number,
): OperatorEpochAggregate[] {
  const out: OperatorEpochAggregate[] = [];
  for (let e = AT - WINDOWS["30d"] + 1; e <= AT; e++)
    out.push({ operatorId, ...epochAggregate(e, n, e > AT - offlineEpochs) });
  return out;
}

/** A one-validator operator that attested perfectly for 30 days but for one epoch of its last day. */
function loneMissSeries(): OperatorEpochAggregate[] {
  const missed = AT - 9;
  return operatorSeries("lone_miss", 1, 0).map((a) => {
    const { attestations } = epochAggregate(a.epoch, 1, a.epoch === missed);
    // One validator has no proposal or sync duty in a typical month.
    return {
      ...a,
      attestations:
        a.epoch === missed
          ? attestations
          : { ...attestations, sourceMisses: 0, targetMisses: 0, headMisses: 0 },
      proposals: { duties: 0, produced: 0 },
      sync: { duties: 0, participated: 0 },
    };
  });
}

/**
 * Each validator's duties over the whole days of the window, with the operator's source misses
 * of those days shared evenly among its validators: they behave alike, as the archetypes say.
 */
function evenDuties(series: readonly OperatorEpochAggregate[]): ValidatorDuties[] {
  const { fromDay, toDay } = csmWindowDays(AT);
  let assigned = 0;
  let missed = 0;
  let n = 0;
  for (const a of series) {
    const day = Math.floor(a.epoch / EPOCHS_PER_DAY);
    if (day < fromDay || day > toDay) continue;
    n = a.activeValidators;
    assigned += 1;
    missed += a.attestations.sourceMisses;
  }
  return Array.from({ length: n }, (_, i) => ({
    assigned,
    included: assigned - Math.floor((missed + i) / n),
  }));
}

const DESCRIPTIONS: Record<ArchetypeName, string> = {
  healthy: `${OPERATOR_VALIDATORS} validators missing at the network's rates for 30 days`,
  offline_1d: `the same operator, every validator offline for the last day (no attestation, block or sync duty done)`,
  offline_7d: "the same operator, every validator offline for the last 7 days",
  offline_30d:
    "the same operator, every validator offline for all 30 days (no attestation included, so no evidence of latency)",
  lone_miss: "1 validator, perfect for 30 days but one missed attestation on the last day",
};

/**
 * Named operators built as the service builds any operator: aggregates through src/features'
 * computeFeatures against a network with ordinary miss rates. An offline operator has no heads at
 * all, so no evidence of latency (late heads per included attestation read as the network's): a
 * model that reads latency and not downtime shows here.
 */
export function archetypeOperators(): ArchetypeOperator[] {
  const network: NetworkEpochAggregate[] = [];
  for (let e = AT - WINDOWS["30d"] + 1; e <= AT; e++)
    network.push(epochAggregate(e, NETWORK_VALIDATORS, false));
  const operators = new Map<ArchetypeName, OperatorEpochAggregate[]>([
    ["healthy", operatorSeries("healthy", OPERATOR_VALIDATORS, 0)],
    ["offline_1d", operatorSeries("offline_1d", OPERATOR_VALIDATORS, WINDOWS["1d"])],
    ["offline_7d", operatorSeries("offline_7d", OPERATOR_VALIDATORS, WINDOWS["7d"])],
    ["offline_30d", operatorSeries("offline_30d", OPERATOR_VALIDATORS, WINDOWS["30d"])],
    ["lone_miss", loneMissSeries()],
  ]);
  const validatorDuties = new Map([...operators].map(([id, series]) => [id, evenDuties(series)]));
  return computeFeatures({ operators, network, validatorDuties, atEpoch: AT }).map((v) => {
    const name = v.operatorId as ArchetypeName;
    return { name, description: DESCRIPTIONS[name], features: v.values };
  });
}
