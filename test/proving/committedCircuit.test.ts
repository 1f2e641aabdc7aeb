import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { FEATURE_SPECS } from "../../src/features/index.js";
import { parseOnnxModel } from "../../src/onnx/index.js";
import { buildRiskCircuit, loadCircuit, sha256Hex } from "../../src/proving/index.js";
import { referenceForward } from "../../src/scoring/index.js";

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

    it(`circuits/${name}'s Sigmoid table holds the logits of a no-data zero row and of the feature box's corners`, () => {
      assert.ok(match);
      const modelPath = path.join("models", `${match[1]}.onnx`);
      const { manifest } = loadCircuit({
        dir: path.join("circuits", name),
        onnxSha256: sha256Hex(readFileSync(modelPath)),
      });
      const model = parseOnnxModel(new Uint8Array(readFileSync(modelPath)));
      // A fully offline operator reads every log rate at its hi (0) and every count at lo: for an
      // MLP the per-unit corners alone missed its logit (14.6 against a table up to 6.8).
      const rows = [
        FEATURE_SPECS.map(() => 0),
        FEATURE_SPECS.map((f) => f.hi),
        FEATURE_SPECS.map((f) => f.lo),
      ];
      const p = referenceForward({ model, input: rows.flat(), rows: rows.length });
      const [lo, hi] = manifest.lookupRange;
      for (const [i, q] of p.entries()) {
        const logit = Math.log(q / (1 - q)) * 2 ** manifest.scale;
        assert.ok(logit > lo && logit < hi, `row ${i}: logit ${logit} outside [${lo}, ${hi}]`);
      }
    });
  }
});
