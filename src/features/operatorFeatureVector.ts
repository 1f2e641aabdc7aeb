import { attestationEffectiveness } from "./attestationEffectiveness.js";
import { correlationIndex } from "./correlationIndex.js";
import { lateHeads } from "./lateHeads.js";
import {
  ATTESTATION_PRIOR_DUTIES,
  FEATURE_SPECS,
  FEATURE_VERSION,
  PROPOSAL_PRIOR_DUTIES,
  SYNC_PRIOR_DUTIES,
} from "./featureSpec.js";
import { logRate } from "./logRate.js";
import type { NetworkReference } from "./networkReference.js";
import { performanceGap } from "./performanceGap.js";
import { shrinkRate } from "./shrinkRate.js";
import type { WindowSummaries } from "./summarizeWindows.js";
import type { FeatureVector, ValidatorDuties, WindowName } from "./types.js";
import { underThresholdShare } from "./underThresholdShare.js";

export type OperatorFeatureVectorParameters = {
  operatorId: string;
  atEpoch: number;
  windows: WindowSummaries;
  reference: NetworkReference;
  /** Each of the operator's validators' duties over the whole days of the window (csmWindowDays). */
  validators: readonly ValidatorDuties[];
};

/**
 * The "ofv5" vector of one operator, in FEATURE_NAMES order. Every 30-day rate is shrunk toward
 * the network's over the same window (shrinkRate): an operator with no evidence (no proposer or
 * sync duty, no active validator) reads exactly as the network, so missing evidence is
 * "ordinary", neither perfect nor failed, and little evidence is mostly ordinary. The 1- and
 * 7-day rates are shrunk toward the operator's own shrunk 30-day rate instead: what a small
 * operator's thin day is most like is its own month, not the network's (a key that missed a
 * tenth of its duties all month is not ordinary today because today was thin evidence), and the
 * month is itself the network's where the operator has no record.
 */
export function operatorFeatureVector({
  operatorId,
  atEpoch,
  windows,
  reference,
  validators,
}: OperatorFeatureVectorParameters): FeatureVector {
  const attestation = (w: WindowName, events: number, prior: number) =>
    shrinkRate({
      events,
      trials: windows[w].attestations.duties,
      prior,
      priorTrials: ATTESTATION_PRIOR_DUTIES,
    });
  // Effectiveness weighs every duty by its rewards; its shortfall is shrunk as a rate per
  // attestation duty (attestations carry 54 of its 64 weights).
  const effShortfall = (w: WindowName, prior: number) => {
    const eff = attestationEffectiveness(windows[w]);
    const shortfall = eff === undefined ? 0 : (1 - eff) * windows[w].attestations.duties;
    return attestation(w, shortfall, prior);
  };
  const a7 = windows["7d"].attestations;
  const w30 = windows["30d"];
  const a30 = w30.attestations;
  const net30 = reference.missRates30d;
  // The month's rates, each shrunk toward the network's: the priors of the shorter windows. The
  // month includes the shorter window, so its days count twice, weighed by the prior's strength.
  const effShortfall30 = effShortfall("30d", reference.effShortfall30d);
  const head30 = attestation("30d", a30.headMisses, net30.head);
  const source30 = attestation("30d", a30.sourceMisses, net30.source);
  // Late heads per attestation included with its target (lateHeads), shrunk toward the network's
  // rate with a validator-week of included attestations: downtime adds to neither count, so an
  // operator offline for days reads its latency while it was up, and one offline all month (no
  // included attestation, no evidence of latency) reads as the network, like any missing evidence;
  // its downtime is the other features' to show.
  const late30 = lateHeads(w30);
  const lateHeadRate = shrinkRate({
    events: late30.lateHeads,
    trials: late30.included,
    prior: reference.lateHeadRate30d,
    priorTrials: ATTESTATION_PRIOR_DUTIES,
  });
  const networkPerf30 = 1 - net30.source;
  // The gap reads the operator's shrunk performance; the CSM rule, as Lido applies it, each
  // validator's raw one.
  const gap = performanceGap(1 - source30, networkPerf30);

  const values = [
    logRate(effShortfall("1d", effShortfall30)),
    logRate(effShortfall("7d", effShortfall30)),
    logRate(effShortfall30),
    logRate(attestation("7d", a7.headMisses, head30)),
    logRate(lateHeadRate),
    logRate(attestation("7d", a7.sourceMisses, source30)),
    shrinkRate({
      events: w30.proposals.duties - w30.proposals.produced,
      trials: w30.proposals.duties,
      prior: reference.proposalMiss,
      priorTrials: PROPOSAL_PRIOR_DUTIES,
    }),
    logRate(
      shrinkRate({
        events: w30.sync.duties - w30.sync.participated,
        trials: w30.sync.duties,
        prior: reference.syncMiss,
        priorTrials: SYNC_PRIOR_DUTIES,
      }),
    ),
    logRate(gap),
    underThresholdShare({ validators, networkPerformance: networkPerf30 }),
    correlationIndex(w30),
    w30.maxMissingShare,
    Math.log10(1 + w30.lastActiveValidators),
    w30.maxActiveValidators > 0 ? w30.exitedValidators / w30.maxActiveValidators : 0,
  ];
  // Bounding here (not in the model) keeps every published vector inside the ranges the model's
  // input scaling and the circuit's fixed-point range were built for.
  const bounded = values.map((v, i) =>
    Math.min(FEATURE_SPECS[i].hi, Math.max(FEATURE_SPECS[i].lo, v)),
  );
  return { operatorId, atEpoch, version: FEATURE_VERSION, values: bounded };
}
