import { batchSizeOf } from "./buildModel.js";
import { computeCommitment } from "./computeCommitment.js";
import { clamped, ezkl, jsonBytes } from "./engine.js";
import { InputCommitmentMismatchError, KeyCorruptError, ModelHashMismatchError, ProofCorruptError, ProofInvalidError } from "./errors.js";
import { feltToSigned, hexToFelt } from "./field.js";
import { loadSrs } from "./loadSrs.js";
import { padRows } from "./proveBatch.js";
import { parseSettingsJson } from "./settingsJson.js";

export type VerifyBatchParameters = {
  proof: Uint8Array;
  vk: Uint8Array;
  settingsJson: string | Uint8Array;
  srsPath: string;
  /** The published feature vectors (padding rows may be included or left out). */
  features: readonly (readonly number[])[];
  /** Model hash the caller accepts (hex, as in the proof); omitted means report without checking. */
  expectedModelHash?: string;
  nodeEnv?: string;
};
export type VerifyBatchReturnType = { scores: number[]; modelHash: string; inputCommitment: string; instances: string[] };

/**
 * What an attester or auditor runs on downloaded artifacts: the proof verifies under vk, settings
 * and SRS; the published feature vectors hash to the proof's input commitment; the model hash is
 * the accepted one. Returns the scores the proof proves (one per published row).
 */
export async function verifyBatch({ proof, vk, settingsJson, srsPath, features, expectedModelHash, nodeEnv }: VerifyBatchParameters): Promise<VerifyBatchReturnType> {
  const settings = parseSettingsJson(settingsJson);
  let instances: string[];
  try {
    const parsed = JSON.parse(new TextDecoder().decode(proof)) as { instances?: string[][]; proof?: unknown };
    if (!Array.isArray(parsed.instances?.[0]) || parsed.proof === undefined) throw new Error("no instances or proof bytes");
    instances = parsed.instances[0];
  } catch (cause) {
    throw new ProofCorruptError("Proof file is not an ezkl proof JSON", { cause });
  }
  const B = batchSizeOf(settings.run_args);
  // Layout fixed by ezkl: input hash, parameter (model) hash, then the public outputs.
  const expectedInstances = 2 + settings.model_instance_shapes.reduce((acc, shape) => acc + shape.reduce((a, b) => a * b, 1), 0);
  if (instances.length !== expectedInstances) {
    throw new ProofInvalidError(`Proof has ${instances.length} public instances; these settings expect ${expectedInstances}`);
  }
  const srs = await loadSrs({ path: srsPath, k: settings.run_args.logrows, nodeEnv });
  const settingsBytes = jsonBytes(typeof settingsJson === "string" ? settingsJson : new TextDecoder().decode(settingsJson));
  let vkOk = false;
  try {
    vkOk = ezkl.vkValidation(clamped(vk), settingsBytes);
  } catch (cause) {
    throw new KeyCorruptError("Verifying key cannot be read with these settings", { cause });
  }
  if (!vkOk) throw new KeyCorruptError("Verifying key cannot be read with these settings");
  let ok: boolean;
  try {
    ok = ezkl.verify(clamped(proof), clamped(vk), settingsBytes, clamped(srs.bytes));
  } catch (cause) {
    // The engine throws (rather than returning false) when proof bytes and vk do not fit together.
    throw new ProofInvalidError("Proof does not verify against this verifying key", { cause });
  }
  if (!ok) throw new ProofInvalidError("Proof does not verify: a public value or the proof was altered, or it is for another circuit");

  if (features.length === 0 || features.length > B) throw new InputCommitmentMismatchError(`Published features have ${features.length} rows; the circuit takes 1..${B}`);
  const F = features[0].length;
  const committed = padRows(features, B, F);
  const inputCommitment = computeCommitment({ values: committed, scale: settings.run_args.input_scale });
  if (inputCommitment !== instances[0]) {
    throw new InputCommitmentMismatchError("Published feature vectors do not match the proof's input commitment", { details: `proof ${instances[0]}, features hash to ${inputCommitment}` });
  }
  const modelHash = instances[1];
  if (expectedModelHash !== undefined && expectedModelHash.toLowerCase() !== modelHash) {
    throw new ModelHashMismatchError("Proof was made with a different model", { details: `proof ${modelHash}, accepted ${expectedModelHash}` });
  }
  const scale = settings.model_output_scales[0];
  const scores = instances.slice(2, 2 + features.length).map((h) => Number(feltToSigned(hexToFelt(h))) / 2 ** scale);
  return { scores, modelHash, inputCommitment, instances };
}
