import { createHash } from "node:crypto";
import { evaluateFreshSeeds, FRESH_SEEDS } from "./evaluateFreshSeeds.js";
import { predictMlp } from "./mlp.js";
import { buildModelCard, type ModelCard } from "./modelCard.js";
import { trainRiskModel, type TrainRiskModelReturnType } from "./trainRiskModel.js";
import type { TrainingData } from "./trainingData.js";

// Slashing history is not a forecast: the documented prior in src/loss prices slashing incidence,
// so the probability model does not lean on the operator's past slashings.
const EXCLUDED_FEATURES = ["slashed_log", "slashing_recency", "slashing_cluster_log"];

export type TrainCandidateParameters = {
  training: TrainingData;
  seed: number;
  hidden: number[];
  epochs: number;
  /** The command that retrains this model, for the card. */
  reproduce: string;
  /**
   * Operators per fresh simulator seed, the shipping test of a simulated model; null for labelled
   * data, which the simulator's seeds say nothing about and which ships as trained.
   */
  freshOperators: number | null;
  onProgress?: (message: string) => void;
};

export type TrainCandidateReturnType = {
  result: TrainRiskModelReturnType;
  modelSha256: string;
  card: ModelCard;
  ships: boolean;
};

/**
 * Trains a model and decides whether it ships: a simulated model only when it beats the best
 * single feature on every fresh seed (new operators on new timelines, never seen in training or
 * selection); otherwise the caller keeps the shipped files and writes this card beside them.
 */
export function trainCandidate({
  training,
  seed,
  hidden,
  epochs,
  reproduce,
  freshOperators,
  onProgress,
}: TrainCandidateParameters): TrainCandidateReturnType {
  const result = trainRiskModel({
    samples: training.samples,
    seed,
    hidden,
    epochs,
    provenance: training.provenance,
    excludeFeatures: EXCLUDED_FEATURES,
    onProgress,
  });
  const modelSha256 = createHash("sha256").update(result.onnx).digest("hex");
  let freshSeeds: ModelCard["fresh_seeds"] = [];
  if (freshOperators !== null) {
    onProgress?.(
      `evaluating on fresh seeds ${FRESH_SEEDS.join(", ")} (${freshOperators} operators each)`,
    );
    freshSeeds = evaluateFreshSeeds({
      predict: (x) => predictMlp(result.network, x),
      operators: freshOperators,
      onProgress,
    });
  }
  const card = buildModelCard({ result, modelSha256, data: training.data, reproduce, freshSeeds });
  return {
    result,
    modelSha256,
    card,
    ships: freshOperators === null || card.beatsBestSingleFeature,
  };
}
