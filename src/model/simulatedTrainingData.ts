import { buildTrainingSet } from "./buildTrainingSet.js";
import { SIMULATOR_VERSION, SLASHING_BOOST } from "./calibration.js";
import type { TrainingData } from "./trainingData.js";

export type SimulatedTrainingDataParameters = {
  /** The first timeline's seed; the others follow it (seed, seed + 1, …). */
  seed: number;
  /** Operators in all, split evenly between the timelines. */
  operators: number;
  /** How many network timelines. */
  timelines: number;
  onProgress?: (message: string) => void;
};

export type SimulatedTrainingDataReturnType = TrainingData;

/**
 * The default training data: simulated operators on several network timelines (one per seed),
 * since one timeline's client incidents would otherwise be learned as if every future looked like it.
 */
export function simulatedTrainingData({
  seed,
  operators,
  timelines,
  onProgress,
}: SimulatedTrainingDataParameters): SimulatedTrainingDataReturnType {
  const started = performance.now();
  const seeds = Array.from({ length: timelines }, (_, k) => seed + k);
  onProgress?.(
    `simulating ${operators} operators (${SIMULATOR_VERSION}, seeds ${seeds.join(", ")}, 120 days, slashing boost ×${SLASHING_BOOST})`,
  );
  const parts = seeds.map((s, k) =>
    buildTrainingSet({
      seed: s,
      operators: Math.round(operators / seeds.length),
      operatorIdPrefix: `sim${k}`,
      onProgress: (done, total) => {
        if (done % Math.max(1, Math.floor(total / 4)) === 0)
          onProgress?.(
            `seed ${s}: simulated ${done}/${total} operators (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
      },
    }),
  );
  const samples = parts.flatMap((p) => p.samples);
  const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
  const stats = {
    positives: sum((p) => p.stats.positives),
    slashedPositives: sum((p) => p.stats.slashedPositives),
  };
  onProgress?.(
    `built ${samples.length} samples, ${stats.positives} positive (${stats.slashedPositives} with a slashing)`,
  );
  const causes = Object.fromEntries(
    Object.keys(parts[0].stats.causes).map((k) => [k, sum((p) => p.stats.causes[k])]),
  );
  return {
    samples,
    data: {
      source: `simulator ${SIMULATOR_VERSION} (src/model/simulateOperator.ts), seeds ${seeds.join(", ")} (one network timeline each)`,
      operators,
      timelineDays: 120,
      snapshots: `${parts[0].stats.snapshots} per operator (every 15 days from day 30), label = next 30 days`,
      samples: samples.length,
      positives: stats.positives,
      slashingPositives: stats.slashedPositives,
      slashingBoost: `×${SLASHING_BOOST}, undone by importance weights in training and metrics`,
      slashingIncidentsOnTimeline: causes,
    },
    provenance: {
      training_data: `simulator:${SIMULATOR_VERSION}:seeds=${seeds.join("+")}:operators=${operators}`,
    },
  };
}
