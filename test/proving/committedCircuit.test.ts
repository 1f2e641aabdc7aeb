import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { buildRiskCircuit, loadCircuit, sha256Hex } from "../../src/proving/index.js";

/**
 * The circuits in circuits/ are what the pipeline proves with and what the oracle's accepted model
 * hash comes from: each must be exactly what `npm run cli -- circuit` builds today from the
 * committed model, or a change to the compiler or the model has silently left it behind.
 */
describe("committed circuits", () => {
  for (const name of readdirSync("circuits")) {
    const match = /^(.+)-b(\d+)-s(\d+)$/.exec(name);
    it(`circuits/${name} is what \`npm run cli -- circuit\` builds from models/${match?.[1]}.onnx`, () => {
      assert.ok(match, `circuit directory name ${name} is <model>-b<batch>-s<scale>`);
      const modelPath = path.join("models", `${match[1]}.onnx`);
      const committed = loadCircuit({
        dir: path.join("circuits", name),
        onnxSha256: sha256Hex(readFileSync(modelPath)),
      });
      const rebuilt = buildRiskCircuit({
        modelPath,
        batchSize: Number(match[2]),
        scale: Number(match[3]),
      });
      assert.deepEqual(committed.manifest, rebuilt.manifest);
      assert.ok(Buffer.from(committed.compiled).equals(Buffer.from(rebuilt.compiled)));
      assert.equal(committed.settingsJson, rebuilt.settingsJson);
    });
  }
});
