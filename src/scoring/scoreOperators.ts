import type { InferenceSession } from "onnxruntime-node";
import ort from "onnxruntime-node";
import type { FeatureVector } from "../features/index.js";
import { ScoringError } from "./errors.js";
import type { LoadedModel } from "./loadModel.js";
import { riskGrade, type RiskGrade } from "./riskGrade.js";

export type OperatorScore = {
  operatorId: string;
  atEpoch: number;
  /** Probability of a severe loss in the next 30 days × 10,000, rounded. */
  scoreBps: number;
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
  const probabilities = out[model.parsed.outputName].data as Float32Array;
  return features.map((f, r) => {
    const probability = probabilities[r];
    const scoreBps = Math.min(10_000, Math.max(0, Math.round(probability * 10_000)));
    return {
      operatorId: f.operatorId,
      atEpoch: f.atEpoch,
      scoreBps,
      probability,
      grade: riskGrade(scoreBps),
      modelHash: model.modelHash,
      featureVersion: model.featureVersion,
    };
  });
}
