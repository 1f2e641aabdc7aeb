import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { clamped, ezkl } from "./engine.js";
import { KeyCorruptError } from "./errors.js";
import { createKeyStagingDir, publishKeyDir, removeStaleKeyDirs } from "./keyCacheStaging.js";

export type GetKeysParameters = {
  compiled: Uint8Array;
  srs: Uint8Array;
  cacheDir: string;
  onProgress?: (stage: "vk" | "pk") => void;
};
export type GetKeysReturnType = {
  vk: Uint8Array;
  pk: Uint8Array;
  vkHash: string;
  dir: string;
  cached: boolean;
};

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `<cacheDir>/keys/<sha256(compiled)[:16]>-<sha256(srs)[:16]>`: where the keys of a circuit and SRS live. */
export function keyCacheDir({
  compiled,
  srs,
  cacheDir,
}: Pick<GetKeysParameters, "compiled" | "srs" | "cacheDir">): string {
  return path.join(
    cacheDir,
    "keys",
    `${sha256Hex(compiled).slice(0, 16)}-${sha256Hex(srs).slice(0, 16)}`,
  );
}

/** keys.json: written last, so its presence means both keys are complete; its hashes catch damage. */
type KeyManifest = { format: "beacon-risk-oracle/keys@1"; vkSha256: string; pkSha256: string };

export type CheckKeyCacheReturnType =
  | { state: "valid" | "missing" }
  | { state: "quarantined"; reason: string; movedTo: string };

/**
 * Whether the cached keys of a circuit and SRS are whole: both files present and equal to the
 * hashes recorded when they were generated. Damaged keys (a truncated copy, a flipped bit, a
 * crash mid-write, keys without a manifest) are moved aside to `<dir>.corrupt-<time>` — kept for
 * inspection, never used — so the caller regenerates them instead of failing every proof. Hashes
 * are streamed: a proving key is hundreds of MB and the caller's event loop stays free. Each check
 * also removes what crashes left (removeStaleKeyDirs): staging folders of dead processes and all
 * but the newest quarantined copy of an entry.
 */
export async function checkKeyCache(
  parameters: Pick<GetKeysParameters, "compiled" | "srs" | "cacheDir">,
): Promise<CheckKeyCacheReturnType> {
  const dir = keyCacheDir(parameters);
  const result = await checkKeyDir(dir);
  await removeStaleKeyDirs(path.dirname(dir));
  return result;
}

async function checkKeyDir(dir: string): Promise<CheckKeyCacheReturnType> {
  if (!existsSync(dir)) return { state: "missing" };
  const reason = await keyCacheDamage(dir);
  if (reason === null) return { state: "valid" };
  const movedTo = `${dir}.corrupt-${Date.now()}`;
  await rename(dir, movedTo);
  return { state: "quarantined", reason, movedTo };
}

async function keyCacheDamage(dir: string): Promise<string | null> {
  const manifestPath = path.join(dir, "keys.json");
  if (!existsSync(manifestPath))
    return "no keys.json: generation did not finish, or keys from an older version";
  let manifest: KeyManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8")) as KeyManifest;
  } catch {
    return "keys.json is not JSON";
  }
  for (const [file, expected] of [
    ["vk.key", manifest.vkSha256],
    ["pk.key", manifest.pkSha256],
  ] as const) {
    const p = path.join(dir, file);
    if (!existsSync(p)) return `${file} is missing`;
    if ((await sha256File(p)) !== expected) return `${file} does not match keys.json`;
  }
  return null;
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** The cached keys, or null when they have not been generated (completely) yet. */
export async function readCachedKeys({
  compiled,
  srs,
  cacheDir,
}: Pick<GetKeysParameters, "compiled" | "srs" | "cacheDir">): Promise<GetKeysReturnType | null> {
  const dir = keyCacheDir({ compiled, srs, cacheDir });
  const vkPath = path.join(dir, "vk.key");
  const pkPath = path.join(dir, "pk.key");
  if (!existsSync(path.join(dir, "keys.json")) || !existsSync(vkPath) || !existsSync(pkPath))
    return null;
  // Buffers are Uint8Arrays: no copy (a proving key is hundreds of MB at logrows 16).
  const vk = await readFile(vkPath);
  const pk = await readFile(pkPath);
  return { vk, pk, vkHash: sha256Hex(vk), dir, cached: true };
}

/**
 * Verifying and proving keys, generated once per (compiled circuit, SRS) and cached on disk at
 * `<cacheDir>/keys/<sha256(compiled)[:16]>-<sha256(srs)[:16]>/{vk.key,pk.key,keys.json}`. Key generation
 * costs seconds to minutes; the key only changes when the circuit or the SRS does. With Hashed
 * parameters a retrained model of the same architecture compiles to a different file (weights
 * are inside it) but the same vk.
 */
export async function getKeys({
  compiled,
  srs,
  cacheDir,
  onProgress,
}: GetKeysParameters): Promise<GetKeysReturnType> {
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
  const manifest: KeyManifest = {
    format: "beacon-risk-oracle/keys@1",
    vkSha256: sha256Hex(vk),
    pkSha256: sha256Hex(pk),
  };
  const staging = await createKeyStagingDir(dir);
  try {
    await writeFile(path.join(staging, "vk.key"), vk);
    await writeFile(path.join(staging, "pk.key"), pk);
    await writeFile(path.join(staging, "keys.json"), `${JSON.stringify(manifest)}\n`);
    await publishKeyDir({ staging, dir });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { vk, pk, vkHash: sha256Hex(vk), dir, cached: false };
}

/**
 * Installs keys that a native ezkl `setup` wrote into a staging folder (createKeyStagingDir): both
 * are hashed (streamed: a proving key is GBs at high logrows), keys.json is written beside them,
 * and the folder becomes the cache entry in one rename, as getKeys does. Native and WASM key
 * generation give the same bytes, so the cache serves both provers.
 */
export async function installKeyFiles({
  dir,
  staging,
  vkTmp,
  pkTmp,
}: {
  dir: string;
  staging: string;
  vkTmp: string;
  pkTmp: string;
}): Promise<{ vkHash: string }> {
  const manifest: KeyManifest = {
    format: "beacon-risk-oracle/keys@1",
    vkSha256: await sha256File(vkTmp),
    pkSha256: await sha256File(pkTmp),
  };
  await rename(vkTmp, path.join(staging, "vk.key"));
  await rename(pkTmp, path.join(staging, "pk.key"));
  await writeFile(path.join(staging, "keys.json"), `${JSON.stringify(manifest)}\n`);
  await publishKeyDir({ staging, dir });
  return { vkHash: manifest.vkSha256 };
}
