import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export type CreateNativeWorkDirParameters = {
  /** What the folder is for; it is part of the name, to tell leftovers apart. */
  purpose: "native" | "setup" | "verify";
  /** Where the folder is made: the system's temporary folder unless a test says otherwise. */
  root?: string;
};
export type CreateNativeWorkDirReturnType = string;

/**
 * The name of a native prover's work folder: purpose, then the pid of the Node process that owns
 * it and removes it when done. A process killed before its `finally` (SIGKILL, the OOM killer)
 * leaves the folder behind; the pid tells removeStaleNativeWorkDirs that its owner is gone.
 */
export const NATIVE_WORK_DIR_NAME = /^ezkl-(?:native|setup|verify)-(\d+)-/;

/** A fresh temporary folder for the files native ezkl reads and writes (its API takes paths). */
export function createNativeWorkDir({
  purpose,
  root = tmpdir(),
}: CreateNativeWorkDirParameters): Promise<CreateNativeWorkDirReturnType> {
  return mkdtemp(path.join(root, `ezkl-${purpose}-${process.pid}-`));
}
