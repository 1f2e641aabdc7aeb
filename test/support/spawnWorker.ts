import { spawn } from "node:child_process";

export type SpawnWorkerParameters = {
  /** The child's whole environment: its configuration, as a deployed worker gets it. */
  env: NodeJS.ProcessEnv;
};
export type SpawnWorkerReturnType = {
  /** The worker's pid, which is also its process group's id. */
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far (JSON log lines on stdout). */
  output(): { stdout: string; stderr: string };
  /** SIGKILL to the whole group: the worker and every process it started (the native prover). */
  killGroup(): void;
};

/**
 * Starts test/support/workerInChild.ts as the leader of its own process group, so a test can kill
 * it the way a machine or an OOM killer does (no graceful shutdown, no finally blocks) together
 * with its children.
 */
export function spawnWorker({ env }: SpawnWorkerParameters): SpawnWorkerReturnType {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/workerInChild.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid!,
    exited,
    output: () => ({ stdout, stderr }),
    killGroup: () => process.kill(-child.pid!, "SIGKILL"),
  };
}
