/**
 * The native prover (python/ezkl_worker.py) does not outlive the Node process that started it, and
 * the work folder a killed process could not remove is removed by the next prover start. Real
 * processes: a Node child runs the prover and is SIGKILLed alone (not its process group), as the
 * OOM killer ends a worker.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import { createNativeWorkDir } from "../../src/proving/createNativeWorkDir.js";
import { nativeEzklPython, runNativeEzkl } from "../../src/proving/runNativeEzkl.js";
import { waitFor } from "../support/waitFor.js";

const python = nativeEzklPython();
const skip =
  process.platform !== "linux"
    ? "PR_SET_PDEATHSIG is Linux only"
    : python
      ? false
      : ".venv/bin/python is absent (bash scripts/ensure-python.sh)";

describe("the native prover's lifetime", { skip }, () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("ends when its Node parent is SIGKILLed, and the next prover start removes the dead parent's work folder", async () => {
    // A folder of this live process: the cleanup must leave it alone.
    const mine = await createNativeWorkDir({ purpose: "verify" });
    cleanup.push(() => rm(mine, { recursive: true, force: true }));

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/proving/nativeProverInChild.ts"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const exited = once(child, "exit");
    const { work } = JSON.parse(await firstLine(child)) as { work: string };
    cleanup.push(() => rm(work, { recursive: true, force: true }));
    const provers = childrenOf(child.pid!).filter((p) => p.command.includes("ezkl_worker.py"));
    assert.equal(provers.length, 1, "one native prover process under the Node child");
    const [prover] = provers;
    // A failed run must not leave the orphan behind either.
    cleanup.push(async () => {
      if (isRunning(prover.pid)) process.kill(prover.pid, "SIGKILL");
    });

    child.kill("SIGKILL");
    assert.deepEqual(await exited, [null, "SIGKILL"]);
    await waitFor(() => !isRunning(prover.pid), {
      timeoutMs: 10_000,
      what: `the orphaned prover ${prover.pid} to exit`,
    });
    assert.ok(existsSync(work), "the killed process left its work folder behind");

    const srsDir = await mkdtemp(path.join(tmpdir(), "pdeathsig-srs-"));
    cleanup.push(() => rm(srsDir, { recursive: true, force: true }));
    const { results } = await runNativeEzkl({
      steps: [{ op: "gen_srs", srs: path.join(srsDir, "kzg.srs"), logrows: 2 }],
    });
    assert.equal(results.length, 1, "the next prover ran");
    assert.equal(existsSync(work), false, "the dead parent's work folder is gone");
    assert.ok(existsSync(mine), "a live process's work folder is kept");
  });

  it("exits at once when its parent is not the process named on its command line", async () => {
    // What the worker sees when its parent died between the fork and prctl: another parent.
    // Without the check it would wait on its stdin, which stays open here, for good.
    const worker = spawn(python!, ["python/ezkl_worker.py", "--parent-pid", String(process.ppid)], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    cleanup.push(async () => {
      worker.stdin.destroy();
      if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    });
    let stdout = "";
    let stderr = "";
    worker.stdout.on("data", (d) => (stdout += d));
    worker.stderr.on("data", (d) => (stderr += d));
    const [code] = await withDeadline(once(worker, "exit"), 10_000, "the worker to exit");
    assert.equal(code, 1);
    assert.equal(stdout, "", "it exits before the protocol starts");
    assert.match(stderr, /parent \d+ is gone/);
  });
});

/** The first line a child prints on stdout (it prints one once its prover step has started). */
async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const line = await withDeadline(
    once(lines, "line").then(([l]) => l as string),
    60_000,
    "the child's prover to start",
  );
  lines.close();
  return line;
}

/** Direct children of a process, from /proc (the field after the command name is the state, then the ppid). */
function childrenOf(ppid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(parent) !== ppid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      found.push({ pid: Number(entry), command });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** Whether a pid is a process that has not exited (a zombie has: only its table entry is left). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
  } catch {
    return false;
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
