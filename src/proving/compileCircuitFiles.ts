import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type CircuitManifest, readModelHash } from "./circuitFiles.js";
import { compileCircuit } from "./compileCircuit.js";
import { sha256Hex } from "./getKeys.js";
import { parseSettingsJson } from "./settingsJson.js";

export type CompileCircuitFilesParameters = {
  onnx: Uint8Array;
  /** The settings file as written (ezkl's settings.json, v21.0.0 format). */
  settingsJson: string;
  /** Directory to write model.compiled, settings.json and (for Hashed parameters) circuit.json into. */
  outDir: string;
};
export type CompileCircuitFilesReturnType = {
  compiledPath: string;
  compiledSha256: string;
  /** The circuit manifest, written when the parameters are Hashed (the circuits the oracle accepts); else null. */
  manifest: CircuitManifest | null;
};

/**
 * `cli circuit compile`: ezkl's compile-circuit for anyone's model and settings, with the
 * project's compiler (byte for byte what native ezkl 21.0.0 writes). The settings file is copied
 * unchanged, so its sha256 is the one the oracle pins; a manifest like `cli circuit`'s (without
 * calibration) is written when the parameters are Hashed, since only then is there a model hash.
 */
export function compileCircuitFiles({
  onnx,
  settingsJson,
  outDir,
}: CompileCircuitFilesParameters): CompileCircuitFilesReturnType {
  const settings = parseSettingsJson(settingsJson);
  const { compiled, circuit } = compileCircuit({ model: onnx, settings });
  mkdirSync(outDir, { recursive: true });
  const compiledPath = path.join(outDir, "model.compiled");
  writeFileSync(compiledPath, compiled);
  writeFileSync(path.join(outDir, "settings.json"), settingsJson);
  let manifest: CircuitManifest | null = null;
  if (settings.run_args.param_visibility.kind === "Hashed") {
    const [batchSize, features] = firstNodeDims(circuit.core.model.graph.nodes);
    manifest = {
      format: "beacon-risk-oracle/circuit@1",
      onnxSha256: sha256Hex(onnx),
      compiledSha256: sha256Hex(compiled),
      settingsSha256: sha256Hex(settingsJson),
      batchSize,
      features,
      scale: settings.run_args.input_scale,
      logrows: settings.run_args.logrows,
      lookupRange: [
        Number(settings.run_args.lookup_range[0]),
        Number(settings.run_args.lookup_range[1]),
      ],
      modelHash: readModelHash(compiled, batchSize * features),
    };
    writeFileSync(path.join(outDir, "circuit.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { compiledPath, compiledSha256: sha256Hex(compiled), manifest };
}

/** The model input's [batch, features] (node 0 of a compiled MLP). */
function firstNodeDims(
  nodes: ReturnType<typeof compileCircuit>["circuit"]["core"]["model"]["graph"]["nodes"],
): [number, number] {
  const input = nodes[0][1];
  if (input.kind !== "Node") throw new TypeError("compiled model has no input node");
  const [batch, features] = input.value.out_dims;
  return [batch, features];
}
