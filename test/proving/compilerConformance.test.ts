import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { BaseError } from "../../src/common/errors.js";
import { compileCircuit, diffCompiledCircuits, settingsToJson } from "../../src/proving/index.js";
import { generateCompilerCorpus } from "./compilerCorpus.js";
import { type NativeJob, runNativeEzkl, skipUnlessNativeEzkl } from "./compileNatively.js";

/**
 * The project's ONNX → circuit compiler against the reference, native ezkl 21.0.0's
 * compile_circuit, on the generated corpus: the same ONNX and the same settings file must give
 * the same bytes, and what ezkl refuses the compiler refuses too, with a coded error.
 */
const SEED = 20_261_201;
const RANDOM_CASES = 240;

describe("compiler conformance with native ezkl 21.0.0", skipUnlessNativeEzkl(), () => {
  const dir = mkdtempSync(path.join(tmpdir(), "compiler-corpus-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const corpus = generateCompilerCorpus({ seed: SEED, randomCount: RANDOM_CASES });
  const jobs: NativeJob[] = corpus.map((c, i) => {
    writeFileSync(path.join(dir, `${i}.onnx`), c.onnx);
    writeFileSync(path.join(dir, `${i}.json`), settingsToJson(c.settings));
    return { op: "compile", model: path.join(dir, `${i}.onnx`), settings: path.join(dir, `${i}.json`), out: path.join(dir, `${i}.compiled`) };
  });
  const native = runNativeEzkl(jobs);

  it(`compiles the ${corpus.length} corpus cases exactly as native ezkl (or refuses them as it does)`, () => {
    const failures: string[] = [];
    let equal = 0;
    let refused = 0;
    corpus.forEach((c, i) => {
      let ours: Uint8Array | undefined;
      let error: unknown;
      try {
        // The compiler reads the settings file as written, like ezkl.
        ours = compileCircuit({ model: c.onnx, settings: c.settings }).compiled;
      } catch (e) {
        error = e;
      }
      const reference = native[i];
      if (reference.ok && ours) {
        const diff = diffCompiledCircuits({ actual: ours, expected: new Uint8Array(readFileSync(jobs[i].out)) });
        if (diff.equal) equal++;
        else failures.push(`${c.name}: first difference at byte ${diff.offset}, ${diff.path}: ours ${diff.actualHex}, ezkl ${diff.expectedHex}`);
      } else if (!reference.ok && error) {
        if (error instanceof BaseError) refused++;
        else failures.push(`${c.name}: refused without a coded error: ${(error as Error).message}`);
      } else if (reference.ok) failures.push(`${c.name}: ezkl compiles it, the compiler refuses: ${(error as Error).message}`);
      else failures.push(`${c.name}: ezkl refuses it (${reference.error}), the compiler compiles it`);
    });
    assert.deepEqual(failures, []);
    // Most of the corpus compiles; the refusals are the invalid visibilities and batch bindings.
    assert.ok(equal >= corpus.length - 60, `${equal} of ${corpus.length} compiled equal`);
    assert.ok(refused >= 8, `${refused} refused by both`);
    assert.equal(equal + refused, corpus.length);
  });
});
