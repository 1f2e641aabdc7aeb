import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { BaseError } from "../../src/common/errors.js";
import { buildMlpOnnx, parseOnnxMlp } from "../../src/onnx/index.js";
import {
  compileCircuit,
  createSettings,
  diffCompiledCircuits,
  parseSettingsJson,
  settingsToJson,
} from "../../src/proving/index.js";
import { createRandom } from "../../src/model/random.js";
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
    return {
      op: "compile",
      model: path.join(dir, `${i}.onnx`),
      settings: path.join(dir, `${i}.json`),
      out: path.join(dir, `${i}.compiled`),
    };
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
        const diff = diffCompiledCircuits({
          actual: ours,
          expected: new Uint8Array(readFileSync(jobs[i].out)),
        });
        if (diff.equal) equal++;
        else
          failures.push(
            `${c.name}: first difference at byte ${diff.offset}, ${diff.path}: ours ${diff.actualHex}, ezkl ${diff.expectedHex}`,
          );
      } else if (!reference.ok && error) {
        if (error instanceof BaseError) refused++;
        else failures.push(`${c.name}: refused without a coded error: ${(error as Error).message}`);
      } else if (reference.ok)
        failures.push(
          `${c.name}: ezkl compiles it, the compiler refuses: ${(error as Error).message}`,
        );
      else
        failures.push(`${c.name}: ezkl refuses it (${reference.error}), the compiler compiles it`);
    });
    assert.deepEqual(failures, []);
    // Most of the corpus compiles; the refusals are the invalid visibilities and batch bindings.
    assert.ok(equal >= corpus.length - 60, `${equal} of ${corpus.length} compiled equal`);
    assert.ok(refused >= 8, `${refused} refused by both`);
    assert.equal(equal + refused, corpus.length);
  });
});

/**
 * createSettings against native gen_settings with the same run arguments: the fields the compiler
 * and the engine read from the model must agree; the row counts are the project's upper bounds.
 */
describe("createSettings against native gen_settings", skipUnlessNativeEzkl(), () => {
  const dir = mkdtempSync(path.join(tmpdir(), "settings-corpus-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const rng = createRandom(SEED);
  // [features, layer widths, batch, scale]: the shipped shape (logistic, 20 features), deeper MLPs, batch 1 to 64.
  const shapes: [number, number[], number, number][] = [
    [20, [1], 14, 10],
    [20, [1], 64, 10],
    [4, [3, 1], 2, 7],
    [8, [6, 3, 1], 16, 8],
    [3, [2], 1, 5],
  ];
  const cases = shapes.map(([features, widths, batch, scale], i) => {
    let width = features;
    const layers = widths.map((n, j) => {
      const layer = {
        inFeatures: width,
        outFeatures: n,
        weight: Float32Array.from({ length: width * n }, () => rng.float() * 2 - 1),
        bias: Float32Array.from({ length: n }, () => rng.float() * 2 - 1),
        activation: j === widths.length - 1 ? ("Sigmoid" as const) : ("Relu" as const),
      };
      width = n;
      return layer;
    });
    const onnx = buildMlpOnnx({ layers });
    writeFileSync(path.join(dir, `${i}.onnx`), onnx);
    return {
      onnx,
      settings: createSettings({
        graph: parseOnnxMlp({ onnx }),
        batchSize: batch,
        scale,
        lookupRange: [-4096n, 4096n],
        maxLogrows: 30,
      }),
    };
  });
  const native = runNativeEzkl(
    cases.map(({ settings: { run_args: r } }, i) => ({
      op: "gen_settings",
      model: path.join(dir, `${i}.onnx`),
      out: path.join(dir, `${i}.json`),
      run_args: {
        input_scale: r.input_scale,
        param_scale: r.param_scale,
        lookup_range: r.lookup_range.map(Number),
        logrows: r.logrows,
        num_inner_cols: r.num_inner_cols,
        variables: r.variables,
        input_visibility: "hashed/public",
        param_visibility: "hashed/public",
        output_visibility: "public",
      },
    })),
  );

  it(`agrees on the run arguments, shapes, scales, lookups and module sizes of ${shapes.length} models`, () => {
    assert.equal(native.filter((r) => r.ok).length, cases.length);
    cases.forEach(({ settings: ours }, i) => {
      const ref = parseSettingsJson(readFileSync(path.join(dir, `${i}.json`)));
      assert.deepEqual(ours.run_args, ref.run_args);
      for (const field of [
        "model_instance_shapes",
        "model_output_scales",
        "model_input_scales",
        "module_sizes",
        "required_lookups",
        "input_types",
        "output_types",
        "check_mode",
      ] as const) {
        assert.deepEqual(ours[field], ref[field], `${field} of model ${i}`);
      }
      // The same range checks; their order is ezkl's layout order, which the project does not reproduce (docs/proving.md).
      assert.deepEqual(
        [...ours.required_range_checks].map(String).sort(),
        [...ref.required_range_checks].map(String).sort(),
      );
      assert.ok(
        ours.total_assignments >= ref.total_assignments,
        `total_assignments ${ours.total_assignments} < ezkl's ${ref.total_assignments}`,
      );
      assert.ok(
        ours.num_rows >= ref.num_rows,
        `num_rows ${ours.num_rows} < ezkl's ${ref.num_rows}`,
      );
    });
  });
});
