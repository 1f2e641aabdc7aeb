import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { buildMlpOnnx, OnnxError } from "../onnx/index.js";
import { buildCircuit, loadCircuit, writeCircuit } from "./circuitFiles.js";
import { CircuitFilesError } from "./errors.js";
import { sha256Hex } from "./getKeys.js";

const F = 3;
const onnx = buildMlpOnnx({
  layers: [
    {
      inFeatures: F,
      outFeatures: 1,
      weight: Float32Array.from([0.5, -0.25, 1]),
      bias: Float32Array.from([0.1]),
    },
  ],
});
const samples = [
  [0, 0, 0],
  [1, -1, 0.5],
  [-1, 1, -0.5],
];
const tmp = path.join(".cache", "test-circuit-files");

describe("circuit files", () => {
  const circuit = buildCircuit({ onnx, batchSize: 2, scale: 7, samples });

  it("records what the circuit was built from and its model hash", () => {
    assert.equal(circuit.manifest.onnxSha256, sha256Hex(onnx));
    assert.equal(circuit.manifest.compiledSha256, sha256Hex(circuit.compiled));
    assert.equal(circuit.manifest.batchSize, 2);
    assert.equal(circuit.manifest.features, F);
    assert.match(circuit.manifest.modelHash, /^0x[0-9a-f]{64}$/);
    // Deterministic: the committed circuit can be rebuilt and compared.
    assert.deepEqual(
      buildCircuit({ onnx, batchSize: 2, scale: 7, samples }).manifest,
      circuit.manifest,
    );
  });

  it("loads what it wrote, and refuses damaged files, another model and a missing directory", () => {
    rmSync(tmp, { recursive: true, force: true });
    const dir = path.join(tmp, "ok");
    writeCircuit(dir, circuit);
    const loaded = loadCircuit({ dir, onnxSha256: sha256Hex(onnx) });
    assert.deepEqual(loaded.compiled, circuit.compiled);
    assert.equal(loaded.settingsJson, circuit.settingsJson);

    assert.throws(
      () => loadCircuit({ dir, onnxSha256: sha256Hex(new Uint8Array([1])) }),
      (e: Error) => e instanceof CircuitFilesError && /another model/.test(e.message),
    );
    assert.throws(
      () => loadCircuit({ dir: path.join(tmp, "absent") }),
      (e: Error) => e instanceof CircuitFilesError && /No circuit/.test(e.message),
    );

    const compiledPath = path.join(dir, "model.compiled");
    const damaged = Buffer.from(readFileSync(compiledPath));
    damaged[damaged.length >> 1] ^= 0x01;
    writeFileSync(compiledPath, damaged);
    assert.throws(
      () => loadCircuit({ dir }),
      (e: Error) =>
        e instanceof CircuitFilesError && /model\.compiled does not match/.test(e.message),
    );

    const edited = path.join(tmp, "edited");
    writeCircuit(edited, circuit);
    writeFileSync(
      path.join(edited, "settings.json"),
      circuit.settingsJson.replace('"logrows":', '"logrows": '),
    );
    assert.throws(
      () => loadCircuit({ dir: edited }),
      (e: Error) =>
        e instanceof CircuitFilesError && /settings\.json does not match/.test(e.message),
    );
  });

  it("refuses a corrupt ONNX file with a clear error", () => {
    const truncated = onnx.subarray(0, onnx.length - 7);
    assert.throws(
      () => buildCircuit({ onnx: truncated, batchSize: 2, scale: 7, samples }),
      (e) => e instanceof OnnxError && e.code === "ONNX_UNREADABLE",
    );
    assert.throws(
      () =>
        buildCircuit({
          onnx: new TextEncoder().encode("not a model"),
          batchSize: 2,
          scale: 7,
          samples,
        }),
      (e) => e instanceof OnnxError && e.code === "ONNX_UNREADABLE",
    );
  });
});
