import { parseLabelledCsv } from "./parseLabelledCsv.js";
import type { TrainingData } from "./trainingData.js";

export type LabelledTrainingDataParameters = {
  /** The CSV text (see parseLabelledCsv for the format). */
  csv: string;
  /** The file's name without its directory: the card and the ONNX metadata name it, never a path of the machine. */
  fileName: string;
};

/** Training data from a labelled CSV of ofv5 feature vectors. */
export function labelledTrainingData({
  csv,
  fileName,
}: LabelledTrainingDataParameters): TrainingData {
  const samples = parseLabelledCsv(csv);
  return {
    samples,
    data: {
      source: `labelled CSV ${fileName}`,
      samples: samples.length,
      positives: samples.filter((s) => s.label === 1).length,
    },
    provenance: { training_data: `csv:${fileName}` },
  };
}
