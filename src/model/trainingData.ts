import type { Sample } from "./buildTrainingSet.js";

/** Samples to train on, with what the model card says of them and the ONNX provenance metadata. */
export type TrainingData = {
  samples: Sample[];
  data: Record<string, unknown>;
  provenance: Record<string, string>;
};
