import {
  EPOCHS_PER_DAY,
  type OperatorEpochAggregate,
  type SlashingEvent,
} from "../features/index.js";
import { BACKGROUND_SLASHED_VALIDATORS, slashedValidatorLoss } from "../loss/index.js";
import {
  BASE_MISS_MEDIAN,
  BOOSTED_HISTORY_MEAN_CAP,
  BOOSTED_PROBABILITY_CAP,
  BASE_MISS_NOISE,
  BASE_MISS_Z_SLOPE,
  CLIENT_BUG_SLASHING_PROB,
  CLIENT_INCIDENT_AFFECTED,
  DEGRADED_DAYS_MEDIAN,
  DEGRADED_MISS_RANGE,
  DEGRADED_PER_DAY_MEDIAN,
  DEGRADED_Z_SLOPE,
  DOUBLE_SIGN_PER_MIGRATION_MEDIAN,
  DOUBLE_SIGN_Z_SLOPE,
  EFFECTIVE_BALANCE_GWEI,
  EXITS_PER_VALIDATOR_DAY,
  HEAD_EXTRA_MISS_MEDIAN,
  HEAD_IDEAL_GWEI,
  MIGRATION_PREP_DAYS,
  MIGRATION_PREP_OUTAGES_PER_DAY,
  MAX_CLUSTER_RANGE,
  NETWORK_PROPOSAL_MISS,
  NETWORK_VALIDATORS,
  OUTAGE_HOURS_MEDIAN,
  OUTAGE_HOURS_SIGMA,
  OUTAGE_WHOLE_INFRA_SHARE,
  OUTAGE_Z_SLOPE,
  OUTAGES_PER_DAY_MEDIAN,
  PROFILES,
  PROPOSAL_IDEAL_GWEI,
  SIGNER_MISCONFIG_PER_DAY_MEDIAN,
  SIGNER_MISCONFIG_Z_SLOPE,
  SLOTS_PER_EPOCH,
  SOURCE_IDEAL_GWEI,
  SYNC_COMMITTEE_SIZE,
  SYNC_IDEAL_GWEI,
  SYNC_PERIOD_EPOCHS,
  TARGET_EXTRA_MISS_MEDIAN,
  TARGET_IDEAL_GWEI,
} from "./calibration.js";
import type { Random } from "./random.js";
import type { SimulatedOperator } from "./sampleOperator.js";
import type { ClientIncident } from "./simulateNetwork.js";
import { createValidatorDutyTracker, type ValidatorDutyTracker } from "./validatorDutyTracker.js";

export type SimulateOperatorParameters = {
  rng: Random;
  operator: SimulatedOperator;
  startEpoch: number;
  days: number;
  incidents: readonly ClientIncident[];
  /** Multiplies every slashing probability (importance sampling); 1 simulates the real population. */
  slashingBoost?: number;
  /** First validator index of the operator (slashing events name validators). */
  firstValidatorIndex?: number;
  /**
   * Picks which validators miss and which an outage takes down. A stream apart from `rng`, so
   * per-validator duties came without changing a single aggregate `rng` draws.
   */
  validatorRng: Random;
};

export type SimulateOperatorReturnType = {
  aggregates: OperatorEpochAggregate[];
  slashings: SlashingEvent[];
  /**
   * log likelihood ratio (real / boosted) of the slashing draws made up to the end of each day:
   * index 0 covers the pre-timeline history, index d + 1 everything through day d.
   */
  logWeightByDay: Float64Array;
  /** Each validator's duties per day (epoch / 225): what Lido CSM's per-validator rule reads. */
  validatorDuties: ValidatorDutyTracker;
  /** How many incidents of each kind happened on the timeline (for docs and tests). */
  causes: { migrationDoubleSign: number; signerMisconfig: number; clientBug: number };
};

/** `offset`: where an outage's block of validators starts, as a share of the active ones. */
type Episode = { from: number; to: number; value: number; offset?: number };

/**
 * One operator's per-epoch aggregates over `days` from `startEpoch`, in the exact type the
 * features consume. Failure modes behind real slashings and losses, each with its own hazard
 * scaled by the operator's latent badness (see docs/model.md):
 * - outages of shared infrastructure (all or part of the validators offline for hours);
 * - degraded periods (higher independent miss rates for days);
 * - infrastructure migrations: a preparation phase of partial moves and restarts, then a
 *   cut-over where keys may run in two places → a slashed cluster of the moved validators;
 * - remote-signer misconfiguration → a slashed cluster without warning;
 * - client bugs shared with every operator on the same client (outage; rarely a slashing).
 */
export function simulateOperator({
  rng,
  operator,
  startEpoch,
  days,
  incidents,
  slashingBoost = 1,
  firstValidatorIndex = 0,
  validatorRng,
}: SimulateOperatorParameters): SimulateOperatorReturnType {
  const z = operator.badness;
  const ez = (slope: number) => Math.exp(slope * z);
  const baseMiss =
    BASE_MISS_MEDIAN * Math.exp(BASE_MISS_Z_SLOPE * z + BASE_MISS_NOISE * rng.normal());
  const targetExtra = TARGET_EXTRA_MISS_MEDIAN * ez(0.5);
  const headExtra = HEAD_EXTRA_MISS_MEDIAN * ez(0.5);
  const outageRate = OUTAGES_PER_DAY_MEDIAN * ez(OUTAGE_Z_SLOPE);
  const degradedRate = DEGRADED_PER_DAY_MEDIAN * ez(DEGRADED_Z_SLOPE);
  const migrationRate = PROFILES[operator.profile].migrationsPerYear / 365;
  const doubleSign = Math.min(0.5, DOUBLE_SIGN_PER_MIGRATION_MEDIAN * ez(DOUBLE_SIGN_Z_SLOPE));
  const misconfig = operator.remoteSigner
    ? Math.min(0.01, SIGNER_MISCONFIG_PER_DAY_MEDIAN * ez(SIGNER_MISCONFIG_Z_SLOPE))
    : 0;

  let active = operator.validators;
  const validatorDuties = createValidatorDutyTracker(operator.validators, validatorRng);
  const offset = () => validatorRng.float();
  let nextIndex = firstValidatorIndex;
  let logWeight = 0;
  const slashings: SlashingEvent[] = [];
  const causes = { migrationDoubleSign: 0, signerMisconfig: 0, clientBug: 0 };
  const logWeightByDay = new Float64Array(days + 1);

  /** A boosted Bernoulli draw that books its likelihood ratio. */
  const slashingDraw = (p: number): boolean => {
    if (p <= 0) return false;
    const boosted = Math.max(p, Math.min(p * slashingBoost, BOOSTED_PROBABILITY_CAP));
    const hit = rng.float() < boosted;
    logWeight += hit ? Math.log(p / boosted) : Math.log((1 - p) / (1 - boosted));
    return hit;
  };
  const slash = (epoch: number, count: number) => {
    for (let i = 0; i < count; i++)
      slashings.push({
        epoch,
        validatorIndex: nextIndex++,
        operatorId: operator.operatorId,
        kind: rng.float() < 0.9 ? "attester" : "proposer",
      });
  };
  // A slashed cluster is the batch of keys caught in the fault: a share of the operator, but no
  // larger than a batch real incidents show (11 RockLogic, 20 Launchnodes, 39 SSV, 75 Staked).
  const clusterSize = (share: number) =>
    Math.max(
      1,
      Math.min(
        Math.round(active * share),
        Math.round(
          Math.exp(
            Math.log(MAX_CLUSTER_RANGE[0]) +
              rng.float() * Math.log(MAX_CLUSTER_RANGE[1] / MAX_CLUSTER_RANGE[0]),
          ),
        ),
      ),
    );

  // History before the timeline: incidents as a Poisson process at the operator's yearly rate.
  const yearly = migrationRate * 365 * doubleSign + misconfig * 365;
  const mean = yearly * operator.ageYears;
  const historyBoost =
    mean > 0 ? Math.max(1, Math.min(slashingBoost, BOOSTED_HISTORY_MEAN_CAP / mean)) : 1;
  const pastIncidents = rng.poisson(mean * historyBoost);
  logWeight += pastIncidents * Math.log(1 / historyBoost) + (historyBoost - 1) * mean;
  for (let i = 0; i < pastIncidents; i++) {
    const epoch = Math.max(
      0,
      startEpoch - 1 - rng.int(Math.max(1, Math.round(operator.ageYears * 365 * EPOCHS_PER_DAY))),
    );
    slash(epoch, clusterSize(rng.float()));
  }
  logWeightByDay[0] = logWeight;

  const outages: Episode[] = []; // value: share of validators offline
  const degraded: Episode[] = []; // value: independent miss probability
  let migration: { cutover: number; share: number } | undefined;
  const pendingSlash: Episode[] = []; // value: validators to slash at `from`
  const exitsAt = new Map<number, number>();
  const aggregates: OperatorEpochAggregate[] = [];
  let syncMembers = 0;

  // Module constants copied into one local object: the per-epoch loop runs millions of times.
  const K = {
    SOURCE_IDEAL_GWEI,
    TARGET_IDEAL_GWEI,
    HEAD_IDEAL_GWEI,
    PROPOSAL_IDEAL_GWEI,
    SYNC_IDEAL_GWEI,
    SLOTS_PER_EPOCH,
    NETWORK_VALIDATORS,
    NETWORK_PROPOSAL_MISS,
    SYNC_PERIOD_EPOCHS,
    SYNC_COMMITTEE_SIZE,
    EFFECTIVE_BALANCE_GWEI,
    EPOCHS_PER_DAY,
  };
  for (let d = 0; d < days; d++) {
    const dayStart = startEpoch + d * K.EPOCHS_PER_DAY;
    const at = () => dayStart + rng.int(K.EPOCHS_PER_DAY);
    for (let k = rng.poisson(outageRate); k > 0; k--) {
      const from = at();
      const len = Math.max(
        1,
        Math.round((rng.logNormal(OUTAGE_HOURS_MEDIAN, OUTAGE_HOURS_SIGMA) * 3600) / 384),
      );
      const share =
        active <= 4 || rng.float() < OUTAGE_WHOLE_INFRA_SHARE ? 1 : 0.1 + 0.5 * rng.float();
      outages.push({ from, to: from + len - 1, value: share, offset: offset() });
    }
    for (let k = rng.poisson(degradedRate); k > 0; k--) {
      const from = at();
      const len = Math.round(rng.logNormal(DEGRADED_DAYS_MEDIAN, 0.8) * K.EPOCHS_PER_DAY);
      degraded.push({
        from,
        to: from + len,
        value:
          DEGRADED_MISS_RANGE[0] + rng.float() * (DEGRADED_MISS_RANGE[1] - DEGRADED_MISS_RANGE[0]),
      });
    }
    if (!migration && rng.float() < migrationRate) {
      const prepDays =
        MIGRATION_PREP_DAYS[0] + rng.int(MIGRATION_PREP_DAYS[1] - MIGRATION_PREP_DAYS[0] + 1);
      migration = {
        cutover: dayStart + prepDays * K.EPOCHS_PER_DAY + rng.int(K.EPOCHS_PER_DAY),
        share: active <= 4 ? 1 : 0.05 + 0.95 * rng.float(),
      };
    }
    if (migration) {
      // Preparation: validators moved in batches, each move a short correlated outage.
      for (let k = rng.poisson(MIGRATION_PREP_OUTAGES_PER_DAY); k > 0; k--) {
        const from = at();
        outages.push({
          from,
          to: from + rng.int(12),
          value: migration.share * (0.2 + 0.8 * rng.float()),
          offset: offset(),
        });
      }
      if (migration.cutover < dayStart + K.EPOCHS_PER_DAY) {
        if (slashingDraw(doubleSign)) {
          pendingSlash.push({
            from: migration.cutover,
            to: migration.cutover,
            value: clusterSize(migration.share * (0.3 + 0.7 * rng.float())),
          });
          causes.migrationDoubleSign++;
        }
        migration = undefined;
      }
    }
    if (slashingDraw(misconfig)) {
      const epoch = at();
      // A signer change often comes with a restart shortly before the bad signatures.
      if (rng.float() < 0.5)
        outages.push({ from: Math.max(dayStart, epoch - 3), to: epoch, value: 1, offset: 0 });
      pendingSlash.push({ from: epoch, to: epoch, value: clusterSize(0.1 + 0.9 * rng.float()) });
      causes.signerMisconfig++;
    }
    for (const inc of incidents) {
      if (
        inc.client !== operator.client ||
        inc.fromEpoch < dayStart ||
        inc.fromEpoch >= dayStart + K.EPOCHS_PER_DAY
      )
        continue;
      if (rng.float() < CLIENT_INCIDENT_AFFECTED)
        outages.push({ from: inc.fromEpoch, to: inc.toEpoch, value: 1, offset: 0 });
      if (slashingDraw(CLIENT_BUG_SLASHING_PROB)) {
        pendingSlash.push({
          from: inc.fromEpoch,
          to: inc.fromEpoch,
          value: clusterSize(0.05 + 0.45 * rng.float()),
        });
        causes.clientBug++;
      }
    }
    const exits = rng.binomial(active, EXITS_PER_VALIDATOR_DAY);
    if (exits > 0) exitsAt.set(at(), exits);

    for (let e = dayStart; e < dayStart + K.EPOCHS_PER_DAY; e++) {
      let exited = 0;
      let slashLoss = 0;
      for (const s of pendingSlash) {
        if (s.from !== e || active === 0) continue;
        const k = Math.min(active, s.value);
        slash(e, k);
        active -= k;
        exited += k;
        slashLoss += k * clusterLossGwei(k);
      }
      const leaving = Math.min(active, exitsAt.get(e) ?? 0);
      exitsAt.delete(e);
      active -= leaving;
      exited += leaving;

      let down = 0;
      let downOffset = 0;
      for (const o of outages)
        if (e >= o.from && e <= o.to && o.value > down) {
          down = o.value;
          downOffset = o.offset ?? 0;
        }
      let miss = baseMiss;
      for (const g of degraded) if (e >= g.from && e <= g.to && g.value > miss) miss = g.value;

      const n = active;
      const offline = Math.min(n, Math.round(n * down));
      const source = offline + rng.binomial(n - offline, miss);
      validatorDuties.epoch(n, offline, Math.floor(downOffset * n), source - offline);
      const target = source + rng.binomial(n - source, targetExtra);
      const head = target + rng.binomial(n - target, headExtra);
      const missShare = n > 0 ? source / n : 0;

      const duties = rng.poisson((n * K.SLOTS_PER_EPOCH) / K.NETWORK_VALIDATORS);
      const produced = rng.binomial(duties, (1 - missShare) * (1 - K.NETWORK_PROPOSAL_MISS));
      if (e % K.SYNC_PERIOD_EPOCHS === 0)
        syncMembers = rng.binomial(n, K.SYNC_COMMITTEE_SIZE / K.NETWORK_VALIDATORS);
      syncMembers = Math.min(syncMembers, n);
      const syncDuties = syncMembers * K.SLOTS_PER_EPOCH;
      const participated = rng.binomial(syncDuties, 1 - missShare);

      const sourceEarned = (n - 2 * source) * K.SOURCE_IDEAL_GWEI;
      const targetEarned = (n - 2 * target) * K.TARGET_IDEAL_GWEI;
      const headEarned = (n - head) * K.HEAD_IDEAL_GWEI;
      const proposalEarned = produced * K.PROPOSAL_IDEAL_GWEI;
      const syncEarned = (2 * participated - syncDuties) * K.SYNC_IDEAL_GWEI;
      aggregates.push({
        operatorId: operator.operatorId,
        epoch: e,
        activeValidators: n,
        attestations: {
          duties: n,
          sourceEarned,
          sourceIdeal: n * K.SOURCE_IDEAL_GWEI,
          targetEarned,
          targetIdeal: n * K.TARGET_IDEAL_GWEI,
          headEarned,
          headIdeal: n * K.HEAD_IDEAL_GWEI,
          inactivityPenalty: 0,
          sourceMisses: source,
          targetMisses: target,
          headMisses: head,
        },
        proposals: {
          duties,
          produced,
          earned: proposalEarned,
          ideal: duties * K.PROPOSAL_IDEAL_GWEI,
        },
        sync: {
          duties: syncDuties,
          participated,
          earned: syncEarned,
          ideal: syncDuties * K.SYNC_IDEAL_GWEI,
        },
        balanceDeltaGwei:
          sourceEarned + targetEarned + headEarned + proposalEarned + syncEarned - slashLoss,
        effectiveBalanceGwei: n * K.EFFECTIVE_BALANCE_GWEI,
        exitedValidators: exited,
      });
      if ((e + 1) % K.EPOCHS_PER_DAY === 0) validatorDuties.endDay((e + 1) / K.EPOCHS_PER_DAY - 1);
    }
    prune(outages, dayStart + K.EPOCHS_PER_DAY);
    prune(degraded, dayStart + K.EPOCHS_PER_DAY);
    prune(pendingSlash, dayStart + K.EPOCHS_PER_DAY);
    logWeightByDay[d + 1] = logWeight;
  }
  return { aggregates, slashings, logWeightByDay, validatorDuties, causes };
}

/**
 * The spec's (Electra) balance loss of each validator in a cluster of k slashed together:
 * EB/4096, source/target penalties until withdrawable and the correlation penalty on the
 * cluster (plus the network's background slashings), all booked at the slashing epoch.
 */
function clusterLossGwei(k: number): number {
  return Number(
    slashedValidatorLoss({
      slashedInWindowGwei:
        BigInt(k + BACKGROUND_SLASHED_VALIDATORS) * BigInt(EFFECTIVE_BALANCE_GWEI),
    }).totalGwei,
  );
}

/** Drops episodes that ended before `epoch`. */
function prune(xs: Episode[], epoch: number): void {
  for (let i = xs.length - 1; i >= 0; i--) if (xs[i].to < epoch) xs.splice(i, 1);
}
