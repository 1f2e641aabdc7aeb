import { EPOCHS_PER_DAY, type NetworkEpochAggregate } from "../features/index.js";
import {
  CLIENT_INCIDENT_AFFECTED,
  CLIENT_INCIDENT_HOURS_MEDIAN,
  CLIENT_INCIDENTS_PER_DAY,
  CLIENT_SHARES,
  EFFECTIVE_BALANCE_GWEI,
  HEAD_IDEAL_GWEI,
  NETWORK_HEAD_EXTRA_MISS,
  NETWORK_MISS_SHARE,
  NETWORK_PROPOSAL_MISS,
  NETWORK_TARGET_EXTRA_MISS,
  NETWORK_VALIDATORS,
  PROPOSAL_IDEAL_GWEI,
  SLOTS_PER_EPOCH,
  SOURCE_IDEAL_GWEI,
  SYNC_COMMITTEE_SIZE,
  SYNC_IDEAL_GWEI,
  TARGET_IDEAL_GWEI,
} from "./calibration.js";
import type { Random } from "./random.js";

/** A client bug taking part of one client's nodes offline for a while. */
export type ClientIncident = { client: number; fromEpoch: number; toEpoch: number };

export type SimulateNetworkParameters = { rng: Random; startEpoch: number; days: number };

export type SimulateNetworkReturnType = {
  aggregates: NetworkEpochAggregate[];
  incidents: ClientIncident[];
};

/**
 * The network's per-epoch sums over one timeline shared by every simulated operator: expected
 * values at mainnet scale (a million validators average out), plus client-bug incidents that
 * also hit the operators running that client.
 */
export function simulateNetwork({
  rng,
  startEpoch,
  days,
}: SimulateNetworkParameters): SimulateNetworkReturnType {
  const incidents: ClientIncident[] = [];
  for (let d = 0; d < days; d++) {
    for (let k = rng.poisson(CLIENT_INCIDENTS_PER_DAY); k > 0; k--) {
      const from = startEpoch + d * EPOCHS_PER_DAY + rng.int(EPOCHS_PER_DAY);
      const epochs = Math.max(
        1,
        Math.round((rng.logNormal(CLIENT_INCIDENT_HOURS_MEDIAN, 0.8) * 3600) / 384),
      );
      incidents.push({ client: pickClient(rng), fromEpoch: from, toEpoch: from + epochs - 1 });
    }
  }
  const n = NETWORK_VALIDATORS;
  const aggregates: NetworkEpochAggregate[] = [];
  for (let e = startEpoch; e < startEpoch + days * EPOCHS_PER_DAY; e++) {
    let down = NETWORK_MISS_SHARE;
    for (const i of incidents)
      if (e >= i.fromEpoch && e <= i.toEpoch)
        down += CLIENT_SHARES[i.client] * CLIENT_INCIDENT_AFFECTED;
    down = Math.min(1, down);
    const source = Math.round(n * down);
    const target = Math.min(n, source + Math.round((n - source) * NETWORK_TARGET_EXTRA_MISS));
    const head = Math.min(n, target + Math.round((n - target) * NETWORK_HEAD_EXTRA_MISS));
    const produced = Math.round(SLOTS_PER_EPOCH * (1 - down) * (1 - NETWORK_PROPOSAL_MISS));
    const syncDuties = SYNC_COMMITTEE_SIZE * SLOTS_PER_EPOCH;
    const participated = Math.round(syncDuties * (1 - down));
    const attEarned =
      (n - 2 * source) * SOURCE_IDEAL_GWEI +
      (n - 2 * target) * TARGET_IDEAL_GWEI +
      (n - head) * HEAD_IDEAL_GWEI;
    // `produced` already counts only the blocks the online share proposed: no second discount.
    const propEarned = produced * PROPOSAL_IDEAL_GWEI;
    const syncEarned = (2 * participated - syncDuties) * SYNC_IDEAL_GWEI;
    aggregates.push({
      epoch: e,
      activeValidators: n,
      attestations: {
        duties: n,
        sourceEarned: (n - 2 * source) * SOURCE_IDEAL_GWEI,
        sourceIdeal: n * SOURCE_IDEAL_GWEI,
        targetEarned: (n - 2 * target) * TARGET_IDEAL_GWEI,
        targetIdeal: n * TARGET_IDEAL_GWEI,
        headEarned: (n - head) * HEAD_IDEAL_GWEI,
        headIdeal: n * HEAD_IDEAL_GWEI,
        inactivityPenalty: 0,
        sourceMisses: source,
        targetMisses: target,
        headMisses: head,
      },
      proposals: {
        duties: SLOTS_PER_EPOCH,
        produced,
        earned: propEarned,
        ideal: SLOTS_PER_EPOCH * PROPOSAL_IDEAL_GWEI,
      },
      sync: {
        duties: syncDuties,
        participated,
        earned: syncEarned,
        ideal: syncDuties * SYNC_IDEAL_GWEI,
      },
      balanceDeltaGwei: attEarned + propEarned + syncEarned,
      effectiveBalanceGwei: n * EFFECTIVE_BALANCE_GWEI,
      exitedValidators: 0,
    });
  }
  return { aggregates, incidents };
}

export function pickClient(rng: Random): number {
  let u = rng.float();
  for (let i = 0; i < CLIENT_SHARES.length; i++) {
    u -= CLIENT_SHARES[i];
    if (u < 0) return i;
  }
  return CLIENT_SHARES.length - 1;
}
