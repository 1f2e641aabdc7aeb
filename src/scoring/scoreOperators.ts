import type { InferenceSession } from "onnxruntime-node";
import ort from "onnxruntime-node";
import type { FeatureVector } from "../features/index.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { ScoringError } from "./errors.js";
import type { LoadedModel } from "./loadModel.js";
import { referenceForward } from "./referenceForward.js";
import { riskGrade, type RiskGrade } from "./riskGrade.js";

export type OperatorScore = {
  operatorId: string;
  atEpoch: number;
  /**
   * The on-chain score: expected performance shortfall over the next 30 days in bp of stake,
   * round(output × 100) as RiskOracle computes it from the proof (0..100).
   */
  scoreBps: number;
  /** The same unrounded (onnxruntime, float32). */
  expectedShortfallBps: number;
  /** P(severe loss in the next 30 days): the model's inner probability, which the grade reads. */
  probability: number;
  grade: RiskGrade;
  modelHash: string;
  featureVersion: string;
};

export type ScoreOperatorsParameters = {
  model: LoadedModel;
  session: InferenceSession;
  features: readonly FeatureVector[];
};

/** Scores a batch of operators in one onnxruntime call. */
export async function scoreOperators({
  model,
  session,
  features,
}: ScoreOperatorsParameters): Promise<OperatorScore[]> {
  if (features.length === 0) return [];
  const width = model.featureNames.length;
  const input = new Float32Array(features.length * width);
  features.forEach((f, r) => {
    if (
      f.version !== model.featureVersion ||
      f.values.length !== width ||
      !f.values.every(Number.isFinite)
    ) {
      throw new ScoringError(
        "SCORING_INVALID_FEATURES",
        `Feature vector of ${f.operatorId} does not fit the model (${f.version}, ${f.values.length} values)`,
        { operatorId: f.operatorId, version: f.version },
      );
    }
    input.set(f.values, r * width);
  });
  const out = await session.run({
    [model.parsed.inputName]: new ort.Tensor("float32", input, [features.length, width]),
  });
  const outputs = out[model.parsed.outputName].data as Float32Array;
  // The probability is an inner value of the graph, which onnxruntime does not return: the
  // float64 interpreter reads it (the same weights, so the same operator order).
  const probabilities = referenceForward({
    model: model.parsed,
    input,
    rows: features.length,
    output: model.probabilityOutput,
  });
  return features.map((f, r) => {
    const probability = probabilities[r];
    // loadModel refused any model whose output is not in OUTPUT_UNIT_BPS.
    const expectedShortfallBps = outputs[r] * OUTPUT_UNIT_BPS;
    const scoreBps = Math.min(OUTPUT_UNIT_BPS, Math.max(0, Math.round(expectedShortfallBps)));
    return {
      operatorId: f.operatorId,
      atEpoch: f.atEpoch,
      scoreBps,
      expectedShortfallBps,
      probability,
      grade: riskGrade(Math.round(probability * 10_000)),
      modelHash: model.modelHash,
      featureVersion: model.featureVersion,
    };
  });
}
