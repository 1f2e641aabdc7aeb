import ort from "onnxruntime-node";
import type { FeatureVector } from "../features/index.js";
import type { Metrics } from "../metrics/index.js";
import { featureContributions } from "./featureContributions.js";
import { loadModel, type LoadModelParameters } from "./loadModel.js";
import { scoreOperators, type OperatorScore } from "./scoreOperators.js";

export type CreateScorerParameters = LoadModelParameters & {
  /** When given, every batch updates the `scoring` metrics group. */
  metrics?: Pick<Metrics, "scoring">;
  /** Operators at or above this score are counted in the "above threshold" gauge. */
  riskThresholdBps?: number;
};

export type Scorer = {
  modelHash: string;
  featureVersion: string;
  featureNames: readonly string[];
  modelKind: string | undefined;
  scoreOperators(features: readonly FeatureVector[]): Promise<OperatorScore[]>;
  /** Per-feature contributions to each operator's logit, from the model's reference operator. */
  explain(features: readonly FeatureVector[]): number[][];
  release(): Promise<void>;
};

/** Validates the model file (see loadModel), then opens one onnxruntime session over it. */
export async function createScorer({
  metrics,
  riskThresholdBps = 10,
  ...load
}: CreateScorerParameters): Promise<Scorer> {
  const model = loadModel(load);
  const session = await ort.InferenceSession.create(model.bytes, {
    executionProviders: ["cpu"],
    graphOptimizationLevel: "all",
  });
  return {
    modelHash: model.modelHash,
    featureVersion: model.featureVersion,
    featureNames: model.featureNames,
    modelKind: model.parsed.metadata.model_kind,
    async scoreOperators(features) {
      const end = metrics?.scoring.durationSeconds.startTimer();
      const scores = await scoreOperators({ model, session, features });
      if (metrics) {
        end?.();
        metrics.scoring.batchSize.set(features.length);
        metrics.scoring.operatorsAboveThreshold.set(
          scores.filter((s) => s.scoreBps >= riskThresholdBps).length,
        );
        for (const s of scores) metrics.scoring.scoreBps.observe(s.scoreBps);
      }
      return scores;
    },
    explain: (features) =>
      featureContributions({
        model: model.parsed,
        features: features.map((f) => f.values),
        baseline: model.contributionBaseline,
        output: model.probabilityOutput,
      }).rows.map((r) => r.contributions),
    release: () => session.release(),
  };
}
