import { createHash } from "node:crypto";
import { archetypeGate } from "./archetypeGate.js";
import {
  evaluateFreshSeeds,
  FRESH_SEEDS,
  MAX_FRESH_SEED_ECE,
  VALIDATION_SEEDS,
} from "./evaluateFreshSeeds.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import { predictMlp } from "./mlp.js";
import { buildModelCard, type ModelCard } from "./modelCard.js";
import {
  trainRiskModel,
  type TrainRiskModelParameters,
  type TrainRiskModelReturnType,
} from "./trainRiskModel.js";
import type { TrainingData } from "./trainingData.js";

export type TrainCandidateParameters = {
  training: TrainingData;
  seed: number;
  hidden: number[];
  epochs: number;
  /** The model kind chosen on the validation seeds; undefined lets the held-out rule decide. */
  kind?: TrainRiskModelParameters["kind"];
  /** The command that retrains this model, for the card. */
  reproduce: string;
  /**
   * Operators per fresh simulator seed, the shipping test of a simulated model; null for labelled
   * data, which the simulator's seeds say nothing about and which ships as trained.
   */
  freshOperators: number | null;
  /**
   * Measure the validation seeds and the gate only, never the fresh seeds: how the model kind is
   * chosen before a candidate is evaluated (docs/model.md). Such a candidate never ships.
   */
  validationOnly?: boolean;
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
 * single feature and has an ECE ≤ 0.02 on every fresh seed (new operators on new timelines, never
 * seen in training or selection); any model only when it passes the archetype gate (operators
 * offline for a week or a month among the riskiest, and the orderings of archetypeGate);
 * otherwise the caller keeps the shipped files and writes this card beside them.
 */
export function trainCandidate({
  training,
  seed,
  hidden,
  epochs,
  kind,
  reproduce,
  freshOperators,
  validationOnly = false,
  onProgress,
}: TrainCandidateParameters): TrainCandidateReturnType {
  const result = trainRiskModel({
    samples: training.samples,
    seed,
    hidden,
    epochs,
    provenance: training.provenance,
    kind,
    onProgress,
  });
  const modelSha256 = createHash("sha256").update(result.onnx).digest("hex");
  const predictShortfallBps = (x: number[][]) =>
    Float64Array.from(predictMlp(result.shipped, x), (v) => v * OUTPUT_UNIT_BPS);
  let freshSeeds: ModelCard["fresh_seeds"] = [];
  let validationSeeds: ModelCard["validation_seeds"] = [];
  if (freshOperators !== null) {
    // Re-measured here for the card: the procedure was chosen on these seeds (docs/model.md).
    onProgress?.(`evaluating on validation seeds ${VALIDATION_SEEDS.join(", ")}`);
    validationSeeds = evaluateFreshSeeds({
      predict: (x) => predictMlp(result.network, x),
      predictShortfallBps,
      seeds: VALIDATION_SEEDS,
      operators: freshOperators,
      onProgress,
    });
    if (!validationOnly) {
      onProgress?.(
        `evaluating on fresh seeds ${FRESH_SEEDS.join(", ")} (${freshOperators} operators each)`,
      );
      freshSeeds = evaluateFreshSeeds({
        predict: (x) => predictMlp(result.network, x),
        predictShortfallBps,
        operators: freshOperators,
        onProgress,
      });
    }
  }
  const archetypes = archetypeGate({
    predict: (x) => predictMlp(result.network, x),
    population: training.samples.map((s) => s.features),
  });
  onProgress?.(
    `archetype gate: ${archetypes.archetypes.map((a) => `${a.name} ${a.score.toFixed(4)}`).join(", ")}, population p95 ${archetypes.populationP95.toFixed(4)}: ${archetypes.passes ? "passes" : "FAILS"}`,
  );
  const card = buildModelCard({
    result,
    modelSha256,
    data: training.data,
    reproduce,
    freshSeeds,
    validationSeeds,
    archetypes,
  });
  return {
    result,
    modelSha256,
    card,
    ships:
      !validationOnly &&
      archetypes.passes &&
      (freshOperators === null ||
        (card.beatsBestSingleFeature && freshSeeds.every((f) => f.ece <= MAX_FRESH_SEED_ECE))),
  };
}
