"""Native EZKL (ezkl 21.0.0 from PyPI) for src/proving/runNativeEzkl.ts.

Reads one JSON request from stdin: {"steps": [{"op": "setup" | "witness" | "prove" | "verify" | "gen_srs", ...paths}]}
and runs the steps in order. Writes JSON lines to stdout: {"event": "start", "step": i, "op": ...}
before a step, {"event": "done", "step": i, "seconds": s, "peak_rss_mb": m, ...} after it, and on
failure {"event": "error", "step": i, "op": ..., "kind": exception class, "message": ...}, then exits.
Every file is given by path; the SRS path is always explicit (get_srs, which downloads, is never
called). Anything ezkl prints goes to stderr, so stdout carries only this protocol.
Started as `ezkl_worker.py --parent-pid <pid of the Node process>`: it ends when that process dies.
"""

import asyncio
import ctypes
import json
import os
import signal
import sys
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent():
    """Ends this process when the Node process that started it dies, however it dies.

    A Node worker killed with SIGKILL (or by the OOM killer) runs no cleanup, and ezkl in the
    middle of a proof writes nothing to the closed pipe for minutes: without this the prover would
    keep its cores and memory until then. Linux only (prctl); elsewhere the parent check still runs.
    The parent may die between the fork and prctl, so the check that the parent is still the one
    named in --parent-pid comes after prctl: then either the kernel signals us or the check sees it.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(ctypes.c_int(PR_SET_PDEATHSIG), ctypes.c_ulong(signal.SIGTERM), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
        except (OSError, AttributeError):
            pass
    if "--parent-pid" in sys.argv:
        parent = int(sys.argv[sys.argv.index("--parent-pid") + 1])
        if os.getppid() != parent:
            sys.stderr.write(f"ezkl_worker: parent {parent} is gone (parent is now {os.getppid()}); exiting\n")
            sys.exit(1)


# Before anything slow (the ezkl import): the sooner the check runs, the shorter an orphan lives.
die_with_parent()

# ezkl (Rust) writes progress lines to fd 1: keep the real stdout for the protocol only.
protocol = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)

import ezkl  # noqa: E402  (imported after the redirect: its import may print)


def emit(**event):
    protocol.write(json.dumps(event) + "\n")
    protocol.flush()


def reset_peak_rss():
    # Writing 5 to clear_refs resets VmHWM, so each step reports its own peak (Linux only).
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(step):
    op = step["op"]
    if op == "setup":
        ok = ezkl.setup(step["compiled"], step["vk"], step["pk"], srs_path=step["srs"])
        return {"ok": bool(ok)}
    if op == "witness":
        async def witness():
            return await ezkl.gen_witness(step["input"], step["compiled"], step["out"], srs_path=step["srs"])

        w = asyncio.run(witness())
        return {"min_lookup_inputs": w["min_lookup_inputs"], "max_lookup_inputs": w["max_lookup_inputs"]}
    if op == "prove":
        ezkl.prove(step["witness"], step["compiled"], step["pk"], step["proof"], "single", srs_path=step["srs"])
        return {}
    if op == "verify":
        return {"ok": bool(ezkl.verify(step["proof"], step["settings"], step["vk"], srs_path=step["srs"]))}
    if op == "gen_srs":
        # A random-secret SRS made on this machine: for measurements only, never for production.
        ezkl.gen_srs(step["srs"], int(step["logrows"]))
        return {}
    raise ValueError(f"unknown op {op!r}")


def main():
    request = json.loads(sys.stdin.read())
    emit(event="ready", version=ezkl.__version__, pid=os.getpid())
    for i, step in enumerate(request["steps"]):
        emit(event="start", step=i, op=step.get("op"))
        reset_peak_rss()
        started = time.perf_counter()
        try:
            result = run(step)
        except BaseException as error:  # ezkl raises RuntimeError/ValueError; MemoryError on allocation failure
            emit(event="error", step=i, op=step.get("op"), kind=type(error).__name__, message=str(error), peak_rss_mb=peak_rss_mb())
            return 1
        emit(event="done", step=i, op=step["op"], seconds=time.perf_counter() - started, peak_rss_mb=peak_rss_mb(), **result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
