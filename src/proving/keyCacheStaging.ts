import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "./isProcessAlive.js";

/**
 * `<key dir>.partial-<pid>-<uuid>`: where one process assembles a key cache entry. The entry
 * itself only ever appears whole (one rename of the folder), so a process checking the cache
 * while another generates keys finds nothing rather than a half-written folder it would
 * quarantine from under the generator.
 */
const PARTIAL = /^(.+)\.partial-(\d+)-[0-9a-f-]+$/;
const CORRUPT = /^(.+)\.corrupt-(\d+)$/;

/** A fresh staging folder beside `dir`, owned by this process. */
export async function createKeyStagingDir(dir: string): Promise<string> {
  const staging = `${dir}.partial-${process.pid}-${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  return staging;
}

/**
 * Installs a staged entry as `dir` in one rename. When another process installed the same keys
 * first (`dir` exists and is not empty), its entry stays and this one is dropped: key generation
 * is deterministic, so both are the same bytes.
 */
export async function publishKeyDir({ staging, dir }: { staging: string; dir: string }) {
  try {
    await rename(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    await rm(staging, { recursive: true, force: true });
  }
}

export type RemoveStaleKeyDirsReturnType = { removed: string[] };

/**
 * Cleans the key cache of what crashes leave: staging folders of processes that are gone (a key
 * generation killed mid-way leaves up to GBs there), and all but the newest quarantined copy of
 * each entry (kept for inspection; older ones tell nothing more and each can be GBs).
 */
export async function removeStaleKeyDirs(keysRoot: string): Promise<RemoveStaleKeyDirsReturnType> {
  const names = await readdir(keysRoot).catch(() => [] as string[]);
  const stale: string[] = [];
  const newestCorrupt = new Map<string, { name: string; time: number }>();
  for (const name of names) {
    const partial = PARTIAL.exec(name);
    if (partial) {
      if (!isProcessAlive(Number(partial[2]))) stale.push(name);
      continue;
    }
    const corrupt = CORRUPT.exec(name);
    if (!corrupt) continue;
    const time = Number(corrupt[2]);
    const newest = newestCorrupt.get(corrupt[1]);
    if (!newest) newestCorrupt.set(corrupt[1], { name, time });
    else if (time > newest.time) {
      stale.push(newest.name);
      newestCorrupt.set(corrupt[1], { name, time });
    } else stale.push(name);
  }
  const removed: string[] = [];
  for (const name of stale) {
    const dir = path.join(keysRoot, name);
    // Another process may be removing the same folder: cleanup is best effort, never fatal.
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return { removed };
}
