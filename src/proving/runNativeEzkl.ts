import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  CircuitTooLargeError,
  KeyCorruptError,
  NativeProverUnavailableError,
  ProofInvalidError,
  ProverFailedError,
} from "./errors.js";
import { removeStaleNativeWorkDirs } from "./removeStaleNativeWorkDirs.js";

/** One call into native ezkl; every artifact is a file path (ezkl's Python API reads and writes files). */
export type NativeStep =
  | { op: "setup"; compiled: string; vk: string; pk: string; srs: string }
  | { op: "witness"; input: string; compiled: string; out: string; srs: string }
  | { op: "prove"; witness: string; compiled: string; pk: string; proof: string; srs: string }
  | { op: "verify"; proof: string; settings: string; vk: string; srs: string }
  /** A random-secret SRS made locally (bench:prove-capacity): not a ceremony SRS, never for production. */
  | { op: "gen_srs"; srs: string; logrows: number };

export type NativeStepResult = {
  op: NativeStep["op"];
  seconds: number;
  /** Peak RSS of the ezkl process during this step alone. */
  peakRssMb: number;
  ok?: boolean;
  minLookupInputs?: number;
  maxLookupInputs?: number;
};

export type RunNativeEzklParameters = {
  steps: readonly NativeStep[];
  /** Called when a step starts and when it ends (with its result). */
  onStep?: (event: {
    index: number;
    op: NativeStep["op"];
    phase: "start" | "done";
    result?: NativeStepResult;
  }) => void;
  signal?: AbortSignal;
  /** Kill the ezkl process when its RSS passes this (MB), so one circuit cannot take the machine down. */
  maxRssMb?: number;
};
export type RunNativeEzklReturnType = { results: NativeStepResult[]; ezklVersion: string };

type WorkerEvent =
  | { event: "ready"; version: string; pid: number }
  | { event: "start"; step: number; op: NativeStep["op"] }
  | {
      event: "done";
      step: number;
      op: NativeStep["op"];
      seconds: number;
      peak_rss_mb: number;
      ok?: boolean;
      min_lookup_inputs?: number;
      max_lookup_inputs?: number;
    }
  | {
      event: "error";
      step: number;
      op: NativeStep["op"];
      kind: string;
      message: string;
      peak_rss_mb: number;
    };

/** The repository root: where python/ezkl_worker.py lives (src/proving under tsx, dist/src/proving compiled). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "python", "ezkl_worker.py"))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new NativeProverUnavailableError("python/ezkl_worker.py not found above src/proving");
    dir = parent;
  }
  return dir;
}

/** The project's Python with ezkl (.venv, made by scripts/ensure-python.sh), or null when it is absent. */
export function nativeEzklPython(): string | null {
  try {
    const python = path.join(repoRoot(), ".venv", "bin", "python");
    return existsSync(python) ? python : null;
  } catch {
    return null;
  }
}

/**
 * Runs steps in one native ezkl process (python/ezkl_worker.py) and returns each step's time and
 * peak RSS. One process per call, not a long-lived worker: ezkl's Python API reloads the SRS and
 * keys from their paths on every call, so a resident process would reuse nothing but the import
 * (~0.1 s), while a fresh one returns its memory when it exits, reports an exact per-step peak,
 * and can be killed (abort, OOM) without leaving a half-broken worker behind.
 */
export async function runNativeEzkl({
  steps,
  onStep,
  signal,
  maxRssMb,
}: RunNativeEzklParameters): Promise<RunNativeEzklReturnType> {
  const python = nativeEzklPython();
  if (!python) {
    throw new NativeProverUnavailableError(
      "PROVER=native needs the project's Python environment with ezkl, and .venv/bin/python is missing",
      {
        details:
          "run `bash scripts/ensure-python.sh` (npm test and npm run demo do), or set PROVER=wasm to prove with @ezkljs/engine",
      },
    );
  }
  signal?.throwIfAborted();
  // What provers killed before their cleanup left behind (a worker SIGKILLed mid-proof).
  await removeStaleNativeWorkDirs();
  // The worker checks that this process is still its parent once it has asked the kernel to
  // signal its death (prctl), so it never outlives a parent that died while it started. The kernel
  // signals when the spawning thread ends: called from a Node worker thread, the prover would end
  // with that thread, so the callers (proveNative, ensureNativeKeys, verifyBatch) run on the main one.
  const worker = path.join(repoRoot(), "python", "ezkl_worker.py");
  const child = spawn(python, [worker, "--parent-pid", String(process.pid)], {
    stdio: ["pipe", "pipe", "pipe"],
    signal,
  });
  // ezkl logs a line per table and stage: keep the tail for error details only.
  let stderrTail = "";
  child.stderr
    .setEncoding("utf8")
    .on("data", (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-4000)));
  child.stdin.end(JSON.stringify({ steps }));
  let overLimitMb = 0;
  const watchdog =
    maxRssMb === undefined
      ? undefined
      : setInterval(() => {
          const rss = rssMb(child.pid);
          if (rss > maxRssMb) {
            overLimitMb = rss;
            child.kill("SIGKILL");
          }
        }, 500);

  const results: NativeStepResult[] = [];
  let ezklVersion = "";
  let failure: Error | null = null;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as WorkerEvent;
    if (e.event === "ready") ezklVersion = e.version;
    else if (e.event === "start") onStep?.({ index: e.step, op: e.op, phase: "start" });
    else if (e.event === "done") {
      const result: NativeStepResult = {
        op: e.op,
        seconds: e.seconds,
        peakRssMb: e.peak_rss_mb,
        ...(e.ok !== undefined && { ok: e.ok }),
        ...(e.min_lookup_inputs !== undefined && {
          minLookupInputs: e.min_lookup_inputs,
          maxLookupInputs: e.max_lookup_inputs,
        }),
      };
      results.push(result);
      onStep?.({ index: e.step, op: e.op, phase: "done", result });
    } else failure = stepError(e);
  }
  const { code, exitSignal } = await new Promise<{
    code: number | null;
    exitSignal: NodeJS.Signals | null;
  }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, exitSignal: child.signalCode });
    else child.once("close", (c, s) => resolve({ code: c, exitSignal: s }));
  });
  clearInterval(watchdog);
  if (failure) throw failure;
  if (overLimitMb > 0) {
    const op = steps[results.length]?.op ?? "?";
    throw new CircuitTooLargeError(
      `Native ezkl ${op} passed the memory limit (${Math.round(overLimitMb)} MB > ${maxRssMb} MB) and was stopped`,
      {
        details: "Use a smaller batch (lower logrows): see docs/proving.md",
        meta: { op, rssMb: Math.round(overLimitMb), maxRssMb },
      },
    );
  }
  signal?.throwIfAborted();
  if (results.length !== steps.length) {
    // Killed (the kernel's OOM killer sends SIGKILL) or crashed: another attempt may pass.
    const op = steps[results.length]?.op ?? "?";
    throw new ProverFailedError(
      `Native ezkl ${op} ended without a result (${exitSignal ? `signal ${exitSignal}` : `exit code ${code}`})`,
      {
        details: stderrTail.trim().split("\n").slice(-5).join("\n") || undefined,
        retryable: true,
        meta: { op, exitCode: code, exitSignal },
      },
    );
  }
  return { results, ezklVersion };
}

/** Current RSS of a process in MB (0 when it is gone). */
function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** An ezkl exception as the project's coded error. */
function stepError(e: Extract<WorkerEvent, { event: "error" }>): Error {
  const meta = { op: e.op, kind: e.kind, peakRssMb: Math.round(e.peak_rss_mb) };
  if (e.op === "verify") {
    // Every input of verify is an artifact under test: a proof that fails the check, or a vk or
    // settings of another circuit (ezkl then panics reading it), means the proof does not verify.
    const fails = /not satisfied/i.test(e.message);
    return new ProofInvalidError(
      fails
        ? "Proof does not verify (native ezkl)"
        : "Proof, verifying key and settings do not fit together (native ezkl)",
      { details: e.message, meta },
    );
  }
  if (/vk|pk|key|deserial/i.test(e.message) && e.op !== "witness")
    return new KeyCorruptError(`Native ezkl ${e.op} cannot use the key`, {
      details: e.message,
      meta,
    });
  return new ProverFailedError(`Native ezkl ${e.op} failed`, {
    details: `${e.kind}: ${e.message}`,
    retryable: e.kind === "MemoryError",
    meta,
  });
}
