import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensureNativeKeys } from "./ensureNativeKeys.js";
import { sha256Hex } from "./getKeys.js";
import { decodeGraphCircuit } from "./graphCircuit.js";
import { loadSrs } from "./loadSrs.js";

export type NativeVerifierInputsParameters = {
  /** The circuit's compiled bytes and settings JSON (circuits/<name>/model.compiled, settings.json). */
  compiled: Uint8Array;
  settingsJson: string;
  /** kzg{logrows}.srs: the SRS the verifier's G2 points come from. */
  srsPath: string;
  /** Key cache (PROVING_CACHE_DIR): keys are generated natively there when missing. */
  cacheDir: string;
  /** Where settings.json is written for ezkl (the vk stays in the key cache). */
  outDir: string;
  nodeEnv?: string;
};
export type NativeVerifierInputsReturnType = {
  vkPath: string;
  settingsPath: string;
  srsPath: string;
  vkHash: string;
  settingsHash: string;
  logrows: number;
};

/**
 * The files native ezkl's `create_evm_verifier(vk_path, settings_path, sol_code_path, abi_path,
 * srs_path)` needs for a circuit: its vk (generated natively into the key cache if missing, the
 * same bytes the provers use), its settings.json and the checked SRS of its logrows.
 */
export async function nativeVerifierInputs({
  compiled,
  settingsJson,
  srsPath,
  cacheDir,
  outDir,
  nodeEnv,
}: NativeVerifierInputsParameters): Promise<NativeVerifierInputsReturnType> {
  const logrows = decodeGraphCircuit(compiled).core.settings.run_args.logrows;
  const srs = await loadSrs({ path: srsPath, k: logrows, nodeEnv });
  const { dir } = await ensureNativeKeys({ compiled, srs: srs.bytes, srsPath, cacheDir });
  await mkdir(outDir, { recursive: true });
  const settingsPath = path.join(outDir, "settings.json");
  await writeFile(settingsPath, settingsJson);
  const vkPath = path.join(dir, "vk.key");
  return {
    vkPath,
    settingsPath,
    srsPath,
    vkHash: sha256Hex(await readFile(vkPath)),
    settingsHash: sha256Hex(settingsJson),
    logrows,
  };
}
