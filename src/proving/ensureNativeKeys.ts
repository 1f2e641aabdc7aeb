import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createNativeWorkDir } from "./createNativeWorkDir.js";
import {
  checkKeyCache,
  installKeyFiles,
  keyCacheDir,
  type CheckKeyCacheReturnType,
} from "./getKeys.js";
import { createKeyStagingDir } from "./keyCacheStaging.js";
import { runNativeEzkl } from "./runNativeEzkl.js";

export type EnsureNativeKeysParameters = {
  compiled: Uint8Array;
  /** SRS bytes (checked by loadSrs): with the circuit, they key the cache. */
  srs: Uint8Array;
  srsPath: string;
  cacheDir: string;
  onKeyCache?: (state: CheckKeyCacheReturnType) => void;
};
export type EnsureNativeKeysReturnType = {
  /** The key cache entry: vk.key, pk.key, keys.json. */
  dir: string;
  /** Native key generation in this call, or null when the cache held whole keys. */
  keygen: { seconds: number; peakRssMb: number } | null;
};

/**
 * The cached keys of a circuit and SRS, generated with native ezkl `setup` when missing or damaged
 * (the same cache, layout and bytes as the WASM engine's getKeys).
 */
export async function ensureNativeKeys({
  compiled,
  srs,
  srsPath,
  cacheDir,
  onKeyCache,
}: EnsureNativeKeysParameters): Promise<EnsureNativeKeysReturnType> {
  const dir = keyCacheDir({ compiled, srs, cacheDir });
  const cache = await checkKeyCache({ compiled, srs, cacheDir });
  onKeyCache?.(cache);
  if (cache.state === "valid") return { dir, keygen: null };
  // A staging folder per process: two provers generating the same keys never share a file, and
  // the cache entry appears only whole.
  const staging = await createKeyStagingDir(dir);
  const vkTmp = path.join(staging, "vk.key.tmp");
  const pkTmp = path.join(staging, "pk.key.tmp");
  const work = await createNativeWorkDir({ purpose: "setup" });
  try {
    await writeFile(path.join(work, "model.compiled"), compiled);
    const { results } = await runNativeEzkl({
      steps: [
        {
          op: "setup",
          compiled: path.join(work, "model.compiled"),
          vk: vkTmp,
          pk: pkTmp,
          srs: srsPath,
        },
      ],
    });
    await installKeyFiles({ dir, staging, vkTmp, pkTmp });
    return { dir, keygen: { seconds: results[0].seconds, peakRssMb: results[0].peakRssMb } };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}
