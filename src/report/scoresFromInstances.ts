import { bpsFromFelt } from "./bpsFromFelt.js";
import {
  INPUT_COMMITMENT_INSTANCE,
  MODEL_HASH_INSTANCE,
  OUTPUT_INSTANCE_OFFSET,
} from "./constants.js";
import { InvalidReportError } from "./errors.js";

export type ScoresFromInstancesParameters = {
  /**
   * Public instances as uint256 (see `instancesFromEzkl`), in ezkl's layout for our circuits:
   * [inputCommitment, modelHash, out_0, ..., out_{B-1}].
   */
  instances: readonly bigint[];
  /** Fixed-point scale of the outputs (RiskOracle's `outScale`; ezkl's `model_output_scales[0]`). */
  outScale: number;
  /**
   * Number of real feeds: the first `feedCount` outputs are the report's scores; the outputs of
   * padding rows after them are ignored (as RiskOracle ignores them). Default: every output.
   */
  feedCount?: number;
};

export type ScoresFromInstancesReturnType = {
  inputCommitment: bigint;
  modelHash: bigint;
  scoresBps: number[];
};

/**
 * Splits a proof's public instances into the report's input commitment, model hash and scores,
 * by RiskOracle's binding rule (outputs of padding rows beyond `feedCount` are dropped).
 */
export function scoresFromInstances({
  instances,
  outScale,
  feedCount,
}: ScoresFromInstancesParameters): ScoresFromInstancesReturnType {
  const outputs = instances.length - OUTPUT_INSTANCE_OFFSET;
  if (outputs < 1) {
    throw new InvalidReportError("Too few public instances", {
      details: `${instances.length} instances; expected input commitment, model hash and outputs`,
    });
  }
  const n = feedCount ?? outputs;
  if (!Number.isInteger(n) || n < 1 || n > outputs) {
    throw new InvalidReportError("Feed count does not fit the proof's outputs", {
      details: `feedCount ${feedCount}; the proof has ${outputs} outputs`,
    });
  }
  return {
    inputCommitment: instances[INPUT_COMMITMENT_INSTANCE],
    modelHash: instances[MODEL_HASH_INSTANCE],
    scoresBps: instances
      .slice(OUTPUT_INSTANCE_OFFSET, OUTPUT_INSTANCE_OFFSET + n)
      .map((felt) => bpsFromFelt(felt, outScale)),
  };
}
