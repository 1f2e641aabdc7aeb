import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { FEATURE_NAMES, FEATURE_SPECS, FEATURE_VERSION } from "../features/index.js";
import { OnnxError, OUTPUT_UNIT_BPS, parseOnnxModel, type ParsedOnnxModel } from "../onnx/index.js";
import { ScoringError } from "./errors.js";

export type LoadModelParameters = {
  modelPath: string;
  /** Defaults to the features module's version and names: the code that will build the inputs. */
  featureVersion?: string;
  featureNames?: readonly string[];
};

export type LoadedModel = {
  bytes: Uint8Array;
  parsed: ParsedOnnxModel;
  /** sha256 of the ONNX file (the EZKL Poseidon hash of the weights is src/proving's). */
  modelHash: string;
  featureVersion: string;
  featureNames: readonly string[];
  /** The inner tensor holding P(severe loss in 30 days), which grades and explanations read. */
  probabilityOutput: string;
  /**
   * The reference operator per-feature contributions are measured from: the card's training
   * median, or the centre of every feature's range when the model has no card that gives one.
   */
  contributionBaseline: readonly number[];
};

/**
 * Reads and validates a model file before any runtime sees it: supported operators only, an
 * input as wide as the feature vector, and the feature version and names (ONNX metadata, and the
 * model card beside the file when there is one) equal to what src/features produces.
 */
export function loadModel({
  modelPath,
  featureVersion = FEATURE_VERSION,
  featureNames = FEATURE_NAMES,
}: LoadModelParameters): LoadedModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(modelPath);
  } catch (cause) {
    throw new ScoringError("SCORING_MODEL_UNREADABLE", `Cannot read model file ${modelPath}`, {
      cause: String(cause),
    });
  }
  const parsed = parseModel(bytes);
  if (parsed.inputSize !== featureNames.length) {
    throw new ScoringError(
      "SCORING_INPUT_MISMATCH",
      `Model takes ${parsed.inputSize} features, the feature set has ${featureNames.length}`,
      { model: parsed.inputSize, features: featureNames.length },
    );
  }
  const version = parsed.metadata.feature_version;
  if (version !== featureVersion)
    throw new ScoringError(
      "SCORING_FEATURE_VERSION_MISMATCH",
      `Model feature version ${version ?? "(none)"} ≠ ${featureVersion}`,
      { model: version, expected: featureVersion },
    );
  let names: unknown;
  try {
    names = JSON.parse(parsed.metadata.feature_names ?? "null");
  } catch {
    names = null;
  }
  if (
    !Array.isArray(names) ||
    names.length !== featureNames.length ||
    names.some((n, i) => n !== featureNames[i])
  ) {
    throw new ScoringError(
      "SCORING_FEATURE_VERSION_MISMATCH",
      "Model feature names differ from the feature set",
      { model: names, expected: featureNames },
    );
  }
  const unit = parsed.metadata.output_unit_bps;
  const probabilityOutput = parsed.metadata.probability_output ?? "";
  // The posted score is round(output × 100) bp: a model whose output means anything else (a
  // probability, another unit) would post numbers a CDP misreads, so it is refused here.
  if (unit !== String(OUTPUT_UNIT_BPS))
    throw new ScoringError(
      "SCORING_OUTPUT_MISMATCH",
      `Model output unit ${unit ?? "(none)"} bp ≠ the oracle's ${OUTPUT_UNIT_BPS} bp (expected 30-day shortfall)`,
      { unitBps: unit, expectedBps: OUTPUT_UNIT_BPS },
    );
  if (!parsed.nodes.some((n) => n.opType === "Sigmoid" && n.outputs[0] === probabilityOutput))
    throw new ScoringError(
      "SCORING_OUTPUT_MISMATCH",
      `Model metadata probability_output "${probabilityOutput}" is not a Sigmoid's output`,
      { probabilityOutput },
    );
  const modelHash = createHash("sha256").update(bytes).digest("hex");
  const cardPath = modelPath.replace(/\.onnx$/, ".card.json");
  let contributionBaseline: readonly number[] = FEATURE_SPECS.map((f) => (f.lo + f.hi) / 2);
  if (cardPath !== modelPath && existsSync(cardPath)) {
    const card = JSON.parse(readFileSync(cardPath, "utf8")) as {
      modelSha256?: string;
      featureVersion?: string;
      contributionBaseline?: unknown;
    };
    if (card.modelSha256 !== modelHash || card.featureVersion !== featureVersion) {
      throw new ScoringError(
        "SCORING_CARD_MISMATCH",
        "Model card does not describe this model file",
        { card: card.modelSha256, model: modelHash },
      );
    }
    const b = card.contributionBaseline;
    if (
      Array.isArray(b) &&
      b.length === featureNames.length &&
      b.every((v) => typeof v === "number" && Number.isFinite(v))
    )
      contributionBaseline = b as number[];
  }
  return {
    bytes,
    parsed,
    modelHash,
    featureVersion,
    featureNames,
    probabilityOutput,
    contributionBaseline,
  };
}

/** The scorer's codes for a model file src/onnx refuses (docs/model.md lists them). */
function parseModel(bytes: Uint8Array): ParsedOnnxModel {
  try {
    return parseOnnxModel(bytes);
  } catch (error) {
    if (!(error instanceof OnnxError)) throw error;
    if (error.code === "ONNX_UNREADABLE")
      throw new ScoringError("SCORING_MODEL_UNREADABLE", error.shortMessage, {
        cause: error.message,
      });
    const unsupported = (error as OnnxError<"ONNX_UNSUPPORTED_OPERATOR">).meta?.unsupported;
    if (unsupported)
      throw new ScoringError("SCORING_UNSUPPORTED_OPERATOR", error.shortMessage, { unsupported });
    throw new ScoringError(
      "SCORING_INPUT_MISMATCH",
      error.shortMessage,
      (error as OnnxError<"ONNX_UNSUPPORTED_GRAPH">).meta,
    );
  }
}
