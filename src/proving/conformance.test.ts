import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { compileCircuit } from "./compileCircuit.js";
import { clamped, ezkl } from "./engine.js";
import { decodeGraphCircuit, encodeGraphCircuit } from "./graphCircuit.js";
import { parseSettingsJson } from "./settingsJson.js";

const VECTOR = ["vectors", "ezkl", "1l_mlp"];
const file = (name: string) =>
  new Uint8Array(readFileSync(path.join(sharedPath(...VECTOR)!, name)));

describe("ezkl v21.0.0 conformance (1l_mlp vector)", skipUnlessShared(...VECTOR), () => {
  // The peer compiled with settings whose version was "0.0.0" (a source build); its settings.json
  // says "v21.0.0". ezkl copies the settings' version into the circuit, so does the compiler.
  const peerSettings = () => ({ ...parseSettingsJson(file("settings.json")), version: "0.0.0" });

  it("compiles network.onnx with the peer's settings to model.compiled byte for byte", () => {
    const { compiled } = compileCircuit({ model: file("network.onnx"), settings: peerSettings() });
    assert.equal(Buffer.compare(Buffer.from(compiled), Buffer.from(file("model.compiled"))), 0);
  });

  it("keeps settings.json's version string, as native ezkl does", () => {
    const { circuit } = compileCircuit({
      model: file("network.onnx"),
      settings: parseSettingsJson(file("settings.json")),
    });
    assert.equal(circuit.core.settings.version, "v21.0.0");
  });

  it("decodes and re-encodes model.compiled losslessly", () => {
    const bytes = file("model.compiled");
    const circuit = decodeGraphCircuit(bytes);
    assert.equal(circuit.core.model.graph.nodes.length, 6);
    assert.deepEqual(Buffer.from(encodeGraphCircuit(circuit)), Buffer.from(bytes));
  });

  it("verifies the vector's proof with the engine", () => {
    assert.equal(
      ezkl.verify(
        clamped(file("proof.json")),
        clamped(file("vk.key")),
        clamped(file("settings.json")),
        clamped(file("kzg")),
      ),
      true,
    );
  });

  it("regenerates vk.key from our model.compiled", () => {
    const { compiled } = compileCircuit({ model: file("network.onnx"), settings: peerSettings() });
    const vk = ezkl.genVk(clamped(compiled), clamped(file("kzg")), true);
    assert.deepEqual(Buffer.from(vk), Buffer.from(file("vk.key")));
  });
});
