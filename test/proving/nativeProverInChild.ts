/**
 * A Node process that starts the native prover and then only waits, for
 * nativeProverParentDeath.test.ts to SIGKILL it. The prover's step reads its circuit and SRS from
 * FIFOs that nothing writes: ezkl blocks opening them, a stand-in for minutes of proving that
 * costs no CPU and never finishes by itself. Prints the work folder once the step has started.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createNativeWorkDir } from "../../src/proving/createNativeWorkDir.js";
import { runNativeEzkl } from "../../src/proving/runNativeEzkl.js";

const work = await createNativeWorkDir({ purpose: "native" });
const fifo = (name: string) => {
  const file = path.join(work, name);
  execFileSync("mkfifo", [file]);
  return file;
};
await runNativeEzkl({
  steps: [
    {
      op: "setup",
      compiled: fifo("model.compiled"),
      vk: path.join(work, "vk.key"),
      pk: path.join(work, "pk.key"),
      srs: fifo("kzg.srs"),
    },
  ],
  onStep: ({ phase }) => {
    if (phase === "start") process.stdout.write(`${JSON.stringify({ work })}\n`);
  },
});
