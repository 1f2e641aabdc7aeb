import {
  csmWindowDays,
  networkReference,
  operatorFeatureVector,
  summarizeWindows,
  EPOCHS_PER_DAY,
  WINDOWS,
} from "../features/index.js";
import { SLASHING_BOOST, type OperatorProfile } from "./calibration.js";
import { createValidatorStream } from "./createValidatorStream.js";
import { createRandom } from "./random.js";
import { sampleOperator } from "./sampleOperator.js";
import { severeLoss } from "./severeLoss.js";
import { simulateNetwork } from "./simulateNetwork.js";
import { simulateOperator } from "./simulateOperator.js";

/** One labelled example: an operator's features at an epoch and what happened in the next 30 days. */
export type Sample = {
  operatorId: string;
  atEpoch: number;
  features: number[];
  label: 0 | 1;
  /** Importance weight (likelihood ratio of the boosted slashing draws); 1 for real data. */
  weight: number;
  slashed: boolean;
  profile?: OperatorProfile;
  /** Simulated samples only: what the loss evaluation needs beside the features. */
  extra?: {
    /** Realised shortfall of the next 30 days, bp of stake (slashing losses included). */
    futureShortfallBps?: number;
    /** The same without slashing losses: what the on-chain expected shortfall forecasts. */
    futurePerformanceShortfallBps?: number;
  };
};

export type BuildTrainingSetParameters = {
  seed: number;
  operators: number;
  /** Days of the timeline; snapshots every 15 days from day 30 while a 30-day future remains. */
  days?: number;
  slashingBoost?: number;
  /** The population's first epoch (mainnet-like numbers; history lies before it). */
  startEpoch?: number;
  /** Operator ids are `<prefix>-<i>`: distinct prefixes keep several seeds' operators apart. */
  operatorIdPrefix?: string;
  onProgress?: (done: number, total: number) => void;
};

export type BuildTrainingSetReturnType = {
  samples: Sample[];
  stats: {
    operators: number;
    snapshots: number;
    positives: number;
    slashedPositives: number;
    causes: Record<string, number>;
  };
};

const LABEL_EPOCHS = WINDOWS["30d"];

/**
 * Simulates a population on one shared timeline and turns it into samples through the same
 * src/features functions the service uses: per operator window summaries, then the network
 * reference per snapshot, then the "ofv5" vectors. Which validators missed comes from a second
 * stream (seeded from `seed` apart from the first), so it moves none of the aggregates.
 */
export function buildTrainingSet({
  seed,
  operators,
  days = 120,
  slashingBoost = SLASHING_BOOST,
  startEpoch = 400_000,
  operatorIdPrefix = "sim",
  onProgress,
}: BuildTrainingSetParameters): BuildTrainingSetReturnType {
  const rng = createRandom(seed);
  const validatorRoot = createValidatorStream(seed);
  const net = simulateNetwork({ rng: rng.fork(), startEpoch, days });
  const snapshotDays: number[] = [];
  // Overlapping label windows make more samples per simulated epoch; the held-out split is by
  // operator, so overlapping samples never straddle train and test.
  for (let d = 30; d + 30 <= days; d += 15) snapshotDays.push(d);
  const snapshotEpochs = snapshotDays.map((d) => startEpoch + d * EPOCHS_PER_DAY - 1);
  const references = snapshotEpochs.map((atEpoch) =>
    networkReference({ network: summarizeWindows({ aggregates: net.aggregates, atEpoch }) }),
  );

  const pending: Sample[][] = snapshotDays.map(() => []);
  const causes: Record<string, number> = {
    migrationDoubleSign: 0,
    signerMisconfig: 0,
    clientBug: 0,
  };
  let nextIndex = 0;
  for (let i = 0; i < operators; i++) {
    const opRng = rng.fork();
    const operator = sampleOperator({ rng: opRng, operatorId: `${operatorIdPrefix}-${i}` });
    const sim = simulateOperator({
      rng: opRng,
      operator,
      startEpoch,
      days,
      incidents: net.incidents,
      slashingBoost,
      firstValidatorIndex: nextIndex,
      validatorRng: validatorRoot.fork(),
    });
    nextIndex += operator.validators;
    for (const [k, v] of Object.entries(sim.causes)) causes[k] += v;
    snapshotDays.forEach((d, s) => {
      const atEpoch = snapshotEpochs[s];
      const { fromDay, toDay } = csmWindowDays(atEpoch);
      const vector = operatorFeatureVector({
        operatorId: operator.operatorId,
        atEpoch,
        // Aggregates are in epoch order from startEpoch: hand each function only its span.
        windows: summarizeWindows({
          aggregates: sim.aggregates.slice(
            atEpoch - startEpoch + 1 - WINDOWS["30d"],
            atEpoch - startEpoch + 1,
          ),
          atEpoch,
        }),
        reference: references[s],
        validators: sim.validatorDuties.window(fromDay, toDay),
      });
      const label = severeLoss({
        operatorId: operator.operatorId,
        aggregates: sim.aggregates.slice(
          atEpoch - startEpoch + 1,
          atEpoch - startEpoch + 1 + LABEL_EPOCHS,
        ),
        slashings: sim.slashings,
        fromEpoch: atEpoch,
        epochs: LABEL_EPOCHS,
      });
      pending[s].push({
        operatorId: operator.operatorId,
        atEpoch,
        features: vector.values,
        label: label.severe ? 1 : 0,
        weight: Math.exp(sim.logWeightByDay[Math.min(days, d + 30)]),
        slashed: label.slashed,
        profile: operator.profile,
        extra: {
          futureShortfallBps: label.shortfallShare * 10_000,
          futurePerformanceShortfallBps: label.performanceShortfallShare * 10_000,
        },
      });
    });
    onProgress?.(i + 1, operators);
  }

  // Snapshot-major, as the samples have always been ordered.
  const samples = pending.flat();
  return {
    samples,
    stats: {
      operators,
      snapshots: snapshotEpochs.length,
      positives: samples.filter((s) => s.label === 1).length,
      slashedPositives: samples.filter((s) => s.slashed).length,
      causes,
    },
  };
}
