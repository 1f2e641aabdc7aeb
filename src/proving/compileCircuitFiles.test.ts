import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { compileCircuitFiles } from "./compileCircuitFiles.js";
import { parseSettingsJson, settingsToJson } from "./settingsJson.js";

const committed = path.join("circuits", "operator-risk-b14-s10");
const model = new Uint8Array(readFileSync(path.join("models", "operator-risk.onnx")));

describe("compileCircuitFiles (cli circuit compile)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "circuit-compile-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles the shipped model with the committed settings into the committed circuit files", () => {
    const settingsJson = readFileSync(path.join(committed, "settings.json"), "utf8");
    const out = path.join(dir, "hashed");
    const { manifest } = compileCircuitFiles({ onnx: model, settingsJson, outDir: out });
    assert.deepEqual(
      readFileSync(path.join(out, "model.compiled")),
      readFileSync(path.join(committed, "model.compiled")),
    );
    assert.equal(readFileSync(path.join(out, "settings.json"), "utf8"), settingsJson);
    const { calibration, ...expected } = JSON.parse(
      readFileSync(path.join(committed, "circuit.json"), "utf8"),
    );
    assert.ok(calibration, "the committed circuit records its calibration");
    assert.deepEqual(manifest, expected);
    assert.deepEqual(JSON.parse(readFileSync(path.join(out, "circuit.json"), "utf8")), expected);
  });

  it("writes no manifest without Hashed parameters (there is no model hash)", () => {
    const settings = parseSettingsJson(readFileSync(path.join(committed, "settings.json")));
    const fixed = settingsToJson({
      ...settings,
      run_args: { ...settings.run_args, param_visibility: { kind: "Fixed" } },
    });
    const out = path.join(dir, "fixed");
    const { manifest } = compileCircuitFiles({ onnx: model, settingsJson: fixed, outDir: out });
    assert.equal(manifest, null);
    assert.ok(existsSync(path.join(out, "model.compiled")));
    assert.equal(existsSync(path.join(out, "circuit.json")), false);
  });

  it("refuses settings that do not bind the model's batch symbol, with a coded error", () => {
    const settings = parseSettingsJson(readFileSync(path.join(committed, "settings.json")));
    const unbound = settingsToJson({
      ...settings,
      run_args: { ...settings.run_args, variables: [["batch_size", 14]] },
    });
    assert.throws(
      () =>
        compileCircuitFiles({
          onnx: model,
          settingsJson: unbound,
          outDir: path.join(dir, "unbound"),
        }),
      { code: "PROVING_INVALID_INPUT" },
    );
  });
});
