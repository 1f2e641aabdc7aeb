import {
  csmWindowDays,
  networkReference,
  operatorFeatureVector,
  summarizeWindows,
  EPOCHS_PER_DAY,
  WINDOWS,
  type FeatureVector,
  type ValidatorDuties,
  type WindowSummaries,
} from "../features/index.js";
import { EFFECTIVE_BALANCE_GWEI } from "./calibration.js";
import { createValidatorStream } from "./createValidatorStream.js";
import { createRandom } from "./random.js";
import { sampleOperator } from "./sampleOperator.js";
import { simulateNetwork } from "./simulateNetwork.js";
import { simulateOperator } from "./simulateOperator.js";

export type SimulateFeatureBatchParameters = {
  seed: number;
  operators: number;
  startEpoch?: number;
  onProgress?: (done: number, total: number) => void;
};

export type SimulateFeatureBatchReturnType = {
  features: FeatureVector[];
  /** Each operator's stake at the scoring epoch (for pool examples). */
  stakeGwei: number[];
  atEpoch: number;
};

/**
 * A batch of "ofv5" vectors at one epoch for a simulated population (30 days of history, real
 * slashing rates): the stand-in for stored features in benchmarks and demos.
 */
export function simulateFeatureBatch({
  seed,
  operators,
  startEpoch = 400_000,
  onProgress,
}: SimulateFeatureBatchParameters): SimulateFeatureBatchReturnType {
  const days = WINDOWS["30d"] / EPOCHS_PER_DAY;
  const rng = createRandom(seed);
  const validatorRoot = createValidatorStream(seed);
  const net = simulateNetwork({ rng: rng.fork(), startEpoch, days });
  const atEpoch = startEpoch + days * EPOCHS_PER_DAY - 1;
  const windows: WindowSummaries[] = [];
  const duties: ValidatorDuties[][] = [];
  const { fromDay, toDay } = csmWindowDays(atEpoch);
  const ids: string[] = [];
  const stakeGwei: number[] = [];
  for (let i = 0; i < operators; i++) {
    const opRng = rng.fork();
    const operator = sampleOperator({ rng: opRng, operatorId: `sim-${i}` });
    const sim = simulateOperator({
      rng: opRng,
      operator,
      startEpoch,
      days,
      incidents: net.incidents,
      validatorRng: validatorRoot.fork(),
    });
    windows.push(summarizeWindows({ aggregates: sim.aggregates, atEpoch }));
    duties.push(sim.validatorDuties.window(fromDay, toDay));
    ids.push(operator.operatorId);
    stakeGwei.push((sim.aggregates.at(-1)?.activeValidators ?? 0) * EFFECTIVE_BALANCE_GWEI);
    onProgress?.(i + 1, operators);
  }
  const reference = networkReference({
    network: summarizeWindows({ aggregates: net.aggregates, atEpoch }),
  });
  const features = ids.map((operatorId, i) =>
    operatorFeatureVector({
      operatorId,
      atEpoch,
      windows: windows[i],
      reference,
      validators: duties[i],
    }),
  );
  return { features, stakeGwei, atEpoch };
}
