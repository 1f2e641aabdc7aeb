import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createNativeWorkDir } from "./createNativeWorkDir.js";
import { batchSizeOf } from "./buildModel.js";
import { computeCommitment } from "./computeCommitment.js";
import { clamped, ezkl, jsonBytes } from "./engine.js";
import {
  InputCommitmentMismatchError,
  KeyCorruptError,
  ModelHashMismatchError,
  ProofCorruptError,
  ProofInvalidError,
} from "./errors.js";
import { feltToSigned, hexToFelt } from "./field.js";
import { loadSrs } from "./loadSrs.js";
import { padRows } from "./proveBatch.js";
import { proverOfProof, type Prover } from "./provers.js";
import { runNativeEzkl } from "./runNativeEzkl.js";
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
export type VerifyBatchReturnType = {
  scores: number[];
  modelHash: string;
  inputCommitment: string;
  instances: string[];
  prover: Prover;
};

/**
 * What an attester or auditor runs on downloaded artifacts: the proof verifies under vk, settings
 * and SRS; the published feature vectors hash to the proof's input commitment; the model hash is
 * the accepted one. Returns the scores the proof proves (one per published row). The proof is
 * checked by the ezkl build that made it (its `version` field): native ezkl and the WASM engine
 * do not accept each other's proofs (docs/proving.md); each is the same v21.0.0 verifier.
 */
export async function verifyBatch({
  proof,
  vk,
  settingsJson,
  srsPath,
  features,
  expectedModelHash,
  nodeEnv,
}: VerifyBatchParameters): Promise<VerifyBatchReturnType> {
  const settings = parseSettingsJson(settingsJson);
  let instances: string[];
  let prover: Prover;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(proof)) as {
      instances?: string[][];
      proof?: unknown;
      version?: unknown;
    };
    if (!Array.isArray(parsed.instances?.[0]) || parsed.proof === undefined)
      throw new Error("no instances or proof bytes");
    instances = parsed.instances[0];
    prover = proverOfProof(parsed);
  } catch (cause) {
    throw new ProofCorruptError("Proof file is not an ezkl proof JSON", { cause });
  }
  const B = batchSizeOf(settings.run_args);
  // Layout fixed by ezkl: input hash, parameter (model) hash, then the public outputs.
  const expectedInstances =
    2 +
    settings.model_instance_shapes.reduce(
      (acc, shape) => acc + shape.reduce((a, b) => a * b, 1),
      0,
    );
  if (instances.length !== expectedInstances) {
    throw new ProofInvalidError(
      `Proof has ${instances.length} public instances; these settings expect ${expectedInstances}`,
    );
  }
  const srs = await loadSrs({ path: srsPath, k: settings.run_args.logrows, nodeEnv });
  const settingsBytes = jsonBytes(
    typeof settingsJson === "string" ? settingsJson : new TextDecoder().decode(settingsJson),
  );
  let vkOk = false;
  try {
    vkOk = ezkl.vkValidation(clamped(vk), settingsBytes);
  } catch (cause) {
    throw new KeyCorruptError("Verifying key cannot be read with these settings", { cause });
  }
  if (!vkOk) throw new KeyCorruptError("Verifying key cannot be read with these settings");
  let ok: boolean;
  if (prover === "native") ok = await verifyNative({ proof, vk, settingsBytes, srsPath });
  else {
    try {
      ok = ezkl.verify(clamped(proof), clamped(vk), settingsBytes, clamped(srs.bytes));
    } catch (cause) {
      // The engine throws (rather than returning false) when proof bytes and vk do not fit together.
      throw new ProofInvalidError("Proof does not verify against this verifying key", { cause });
    }
  }
  if (!ok)
    throw new ProofInvalidError(
      "Proof does not verify: a public value or the proof was altered, or it is for another circuit",
    );

  if (features.length === 0 || features.length > B)
    throw new InputCommitmentMismatchError(
      `Published features have ${features.length} rows; the circuit takes 1..${B}`,
    );
  const F = features[0].length;
  const committed = padRows(features, B, F);
  const inputCommitment = computeCommitment({
    values: committed,
    scale: settings.run_args.input_scale,
  });
  if (inputCommitment !== instances[0]) {
    throw new InputCommitmentMismatchError(
      "Published feature vectors do not match the proof's input commitment",
      { details: `proof ${instances[0]}, features hash to ${inputCommitment}` },
    );
  }
  const modelHash = instances[1];
  if (expectedModelHash !== undefined && expectedModelHash.toLowerCase() !== modelHash) {
    throw new ModelHashMismatchError("Proof was made with a different model", {
      details: `proof ${modelHash}, accepted ${expectedModelHash}`,
    });
  }
  const scale = settings.model_output_scales[0];
  const scores = instances
    .slice(2, 2 + features.length)
    .map((h) => Number(feltToSigned(hexToFelt(h))) / 2 ** scale);
  return { scores, modelHash, inputCommitment, instances, prover };
}

/** Native ezkl's verify on the artifacts written to a temporary directory (its API reads files). */
async function verifyNative({
  proof,
  vk,
  settingsBytes,
  srsPath,
}: {
  proof: Uint8Array;
  vk: Uint8Array;
  settingsBytes: Uint8ClampedArray;
  srsPath: string;
}): Promise<boolean> {
  const work = await createNativeWorkDir({ purpose: "verify" });
  try {
    const file = (name: string) => path.join(work, name);
    await Promise.all([
      writeFile(file("proof.json"), proof),
      writeFile(file("vk.key"), vk),
      writeFile(file("settings.json"), settingsBytes),
    ]);
    const { results } = await runNativeEzkl({
      steps: [
        {
          op: "verify",
          proof: file("proof.json"),
          settings: file("settings.json"),
          vk: file("vk.key"),
          srs: srsPath,
        },
      ],
    });
    return results[0].ok === true;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
