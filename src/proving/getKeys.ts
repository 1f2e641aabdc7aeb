import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { clamped, ezkl } from "./engine.js";
import { KeyCorruptError } from "./errors.js";

export type GetKeysParameters = { compiled: Uint8Array; srs: Uint8Array; cacheDir: string; onProgress?: (stage: "vk" | "pk") => void };
export type GetKeysReturnType = { vk: Uint8Array; pk: Uint8Array; vkHash: string; dir: string; cached: boolean };

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `<cacheDir>/keys/<sha256(compiled)[:16]>-<sha256(srs)[:16]>`: where the keys of a circuit and SRS live. */
export function keyCacheDir({ compiled, srs, cacheDir }: Pick<GetKeysParameters, "compiled" | "srs" | "cacheDir">): string {
  return path.join(cacheDir, "keys", `${sha256Hex(compiled).slice(0, 16)}-${sha256Hex(srs).slice(0, 16)}`);
}

/** The cached keys, or null when they have not been generated yet. */
export async function readCachedKeys({ compiled, srs, cacheDir }: Pick<GetKeysParameters, "compiled" | "srs" | "cacheDir">): Promise<GetKeysReturnType | null> {
  const dir = keyCacheDir({ compiled, srs, cacheDir });
  const vkPath = path.join(dir, "vk.key");
  const pkPath = path.join(dir, "pk.key");
  if (!existsSync(vkPath) || !existsSync(pkPath)) return null;
  // Buffers are Uint8Arrays: no copy (a proving key is hundreds of MB at logrows 16).
  const vk = await readFile(vkPath);
  const pk = await readFile(pkPath);
  return { vk, pk, vkHash: sha256Hex(vk), dir, cached: true };
}

/**
 * Verifying and proving keys, generated once per (compiled circuit, SRS) and cached on disk at
 * `<cacheDir>/keys/<sha256(compiled)[:16]>-<sha256(srs)[:16]>/{vk.key,pk.key}`. Key generation
 * costs seconds to minutes; the key only changes when the circuit or the SRS does. With Hashed
 * parameters a retrained model of the same architecture compiles to a different file (weights
 * are inside it) but the same vk.
 */
export async function getKeys({ compiled, srs, cacheDir, onProgress }: GetKeysParameters): Promise<GetKeysReturnType> {
  const cachedKeys = await readCachedKeys({ compiled, srs, cacheDir });
  if (cachedKeys) return cachedKeys;
  const dir = keyCacheDir({ compiled, srs, cacheDir });
  let vk: Uint8Array;
  let pk: Uint8Array;
  try {
    onProgress?.("vk");
    vk = ezkl.genVk(clamped(compiled), clamped(srs), true);
    onProgress?.("pk");
    pk = ezkl.genPk(clamped(vk), clamped(compiled), clamped(srs));
  } catch (cause) {
    throw new KeyCorruptError("Key generation failed for this circuit and SRS", { cause });
  }
  await mkdir(dir, { recursive: true });
  for (const [p, b] of [[path.join(dir, "vk.key"), vk], [path.join(dir, "pk.key"), pk]] as const) {
    await writeFile(p + ".tmp", b);
    await rename(p + ".tmp", p);
  }
  return { vk, pk, vkHash: sha256Hex(vk), dir, cached: false };
}
