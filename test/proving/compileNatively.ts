/**
 * Runs native ezkl 21.0.0 (the reference: `.venv/bin/python`, python/ezkl_compile.py) on a list of
 * jobs in one Python process. Tests skip when the project's Python environment is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../support/shared.js";

export type NativeJob =
  | { op: "compile"; model: string; settings: string; out: string }
  | { op: "gen_settings"; model: string; out: string; run_args?: Record<string, unknown> };
export type NativeResult = { ok: true } | { ok: false; error: string };

export const nativePython = path.join(projectRoot, ".venv", "bin", "python");

/** `{ skip }` for node:test: a reason when native ezkl is not installed (scripts/ensure-python.sh). */
export function skipUnlessNativeEzkl(): { skip: string | false } {
  return {
    skip: existsSync(nativePython)
      ? false
      : "native ezkl (.venv) is absent: run scripts/ensure-python.sh",
  };
}

export function runNativeEzkl(jobs: readonly NativeJob[]): NativeResult[] {
  const run = spawnSync(nativePython, [path.join(projectRoot, "python", "ezkl_compile.py")], {
    input: JSON.stringify(jobs),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // ezkl logs warnings (low scales, version checks) to stderr: not part of the answer.
    env: { ...process.env, RUST_LOG: "error" },
  });
  if (run.status !== 0)
    throw new Error(`native ezkl failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const results = JSON.parse(run.stdout) as NativeResult[];
  if (results.length !== jobs.length)
    throw new Error(`native ezkl answered ${results.length} of ${jobs.length} jobs`);
  return results;
}
