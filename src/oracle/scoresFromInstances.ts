import { bpsFromFelt } from "./bpsFromFelt.js";
import { OUTPUT_INSTANCE_OFFSET } from "./constants.js";
import { InvalidReportError } from "./errors.js";

export type ScoresFromInstancesParameters = {
  /** Public instances: [modelHash, inputCommitment, out_0, ..., out_{n-1}]. */
  instances: readonly bigint[];
  /** Fixed-point scale of the outputs (RiskOracle's `outScale`). */
  outScale: number;
};

export type ScoresFromInstancesReturnType = {
  modelHash: bigint;
  inputCommitment: bigint;
  scoresBps: number[];
};

/** Splits a proof's public instances into the report's model hash, input commitment and scores. */
export function scoresFromInstances({ instances, outScale }: ScoresFromInstancesParameters): ScoresFromInstancesReturnType {
  if (instances.length <= OUTPUT_INSTANCE_OFFSET) {
    throw new InvalidReportError("Too few public instances", { details: `${instances.length} instances; expected model hash, input commitment and outputs` });
  }
  return {
    modelHash: instances[0],
    inputCommitment: instances[1],
    scoresBps: instances.slice(OUTPUT_INSTANCE_OFFSET).map((felt) => bpsFromFelt(felt, outScale)),
  };
}
