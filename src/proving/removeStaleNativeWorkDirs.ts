import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NATIVE_WORK_DIR_NAME } from "./createNativeWorkDir.js";
import { isProcessAlive } from "./isProcessAlive.js";

export type RemoveStaleNativeWorkDirsParameters = {
  /** Where createNativeWorkDir made the folders. */
  root?: string;
};
export type RemoveStaleNativeWorkDirsReturnType = {
  /** The folders removed (full paths). */
  removed: string[];
};

/**
 * Removes the native prover work folders whose owning process is gone: a worker killed in the
 * middle of a proof cannot clean up after itself, and each folder holds the circuit, the witness
 * and possibly a partial proof. Folders of live processes are left alone, whoever owns them. A pid
 * reused by an unrelated process keeps its folder until that process ends too: a late cleanup,
 * never a folder removed under a running prover.
 */
export async function removeStaleNativeWorkDirs({
  root = tmpdir(),
}: RemoveStaleNativeWorkDirsParameters = {}): Promise<RemoveStaleNativeWorkDirsReturnType> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const owner = NATIVE_WORK_DIR_NAME.exec(name)?.[1];
    if (owner === undefined || isProcessAlive(Number(owner))) continue;
    const dir = path.join(root, name);
    // Another prover may be removing the same folder, or it belongs to another user: cleanup is
    // best effort and never stops a proof.
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return { removed };
}
