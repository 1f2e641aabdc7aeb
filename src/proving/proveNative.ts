import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createNativeWorkDir } from "./createNativeWorkDir.js";
import { ensureNativeKeys } from "./ensureNativeKeys.js";
import { CalibrationError } from "./errors.js";
import { sha256Hex, type CheckKeyCacheReturnType } from "./getKeys.js";
import { runNativeEzkl } from "./runNativeEzkl.js";

export type ProveNativeParameters = {
  compiled: Uint8Array;
  /** SRS bytes (already checked by loadSrs): they key the cache. */
  srs: Uint8Array;
  srsPath: string;
  /** The padded, row-major feature values the proof commits to. */
  input: number[];
  lookupRange: [number, number];
  cacheDir: string;
  onProgress?: (stage: string, fraction: number) => void;
  onKeyCache?: (state: CheckKeyCacheReturnType) => void;
};
export type ProveNativeReturnType = {
  proof: Uint8Array;
  vk: Uint8Array;
  vkHash: string;
  keygen: { seconds: number; peakRssMb: number } | null;
  /** Witness + proof in the native process (keys cached). */
  proofSeconds: number;
  /** Peak RSS of the native prover process while proving. */
  proofPeakRssMb: number;
};

/**
 * Witness and proof with native ezkl, keys generated natively into the shared key cache when they
 * are missing. Nothing large passes through Node: the compiled circuit and input are written to a
 * temporary directory, ezkl reads the SRS and proving key from their files, and only the proof and
 * vk are read back.
 */
export async function proveNative({
  compiled,
  srs,
  srsPath,
  input,
  lookupRange,
  cacheDir,
  onProgress,
  onKeyCache,
}: ProveNativeParameters): Promise<ProveNativeReturnType> {
  const work = await createNativeWorkDir({ purpose: "native" });
  try {
    const file = (name: string) => path.join(work, name);
    await writeFile(file("model.compiled"), compiled);
    await writeFile(file("input.json"), JSON.stringify({ input_data: [input] }));
    onProgress?.("keys", 0.05);
    const { dir, keygen } = await ensureNativeKeys({
      compiled,
      srs,
      srsPath,
      cacheDir,
      onKeyCache,
    });
    onProgress?.("witness", 0.3);
    const {
      results: [witness],
    } = await runNativeEzkl({
      steps: [
        {
          op: "witness",
          input: file("input.json"),
          compiled: file("model.compiled"),
          out: file("witness.json"),
          srs: srsPath,
        },
      ],
    });
    // Inputs outside the calibrated table would make the prover fail after minutes, or not at all.
    const [min, max] = [witness.minLookupInputs ?? 0, witness.maxLookupInputs ?? 0];
    if (min < lookupRange[0] || max > lookupRange[1]) {
      throw new CalibrationError(
        `Lookup inputs [${min}, ${max}] fall outside the circuit's lookup range [${lookupRange.join(", ")}]`,
        {
          details: "Recalibrate the circuit with samples covering these inputs",
        },
      );
    }
    onProgress?.("prove", 0.4);
    const {
      results: [prove],
    } = await runNativeEzkl({
      steps: [
        {
          op: "prove",
          witness: file("witness.json"),
          compiled: file("model.compiled"),
          pk: path.join(dir, "pk.key"),
          proof: file("proof.json"),
          srs: srsPath,
        },
      ],
    });
    const vk = await readFile(path.join(dir, "vk.key"));
    return {
      proof: await readFile(file("proof.json")),
      vk,
      vkHash: sha256Hex(vk),
      keygen,
      proofSeconds: witness.seconds + prove.seconds,
      proofPeakRssMb: Math.max(witness.peakRssMb, prove.peakRssMb),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
