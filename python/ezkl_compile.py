"""Native ezkl (the reference) for the compiler conformance corpus.

Reads a JSON list of jobs on stdin and writes one JSON list of results on stdout, so one Python
process (one `import ezkl`) serves a whole corpus:
  {"op": "compile", "model": M.onnx, "settings": S.json, "out": model.compiled}
      -> ezkl.compile_circuit(M, out, S)
  {"op": "gen_settings", "model": M.onnx, "out": settings.json, "run_args": {...}}
      -> ezkl.gen_settings(M, out, PyRunArgs with those fields)
Each result is {"ok": true} or {"ok": false, "error": "..."}: a refusal by ezkl is data for the
caller to compare, not a crash. Nothing here downloads anything.
"""
import json
import sys

import ezkl


def run_args_from(fields):
    args = ezkl.PyRunArgs()
    for name, value in fields.items():
        # JSON has no tuples; pyo3 wants them for lookup_range and each (symbol, value) variable.
        if name == "lookup_range":
            value = tuple(value)
        elif name == "variables":
            value = [tuple(v) for v in value]
        setattr(args, name, value)
    return args


def run(job):
    try:
        if job["op"] == "compile":
            ezkl.compile_circuit(job["model"], job["out"], job["settings"])
        elif job["op"] == "gen_settings":
            ezkl.gen_settings(job["model"], job["out"], py_run_args=run_args_from(job.get("run_args", {})))
        else:
            return {"ok": False, "error": f"unknown op {job['op']}"}
        return {"ok": True}
    except Exception as error:  # ezkl raises RuntimeError/ValueError with its own message
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


def main():
    jobs = json.load(sys.stdin)
    json.dump([run(job) for job in jobs], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
