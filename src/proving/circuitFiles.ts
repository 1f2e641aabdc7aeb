import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { numberToHex } from "viem";
import { calibrate } from "./calibrate.js";
import { clamped, ezkl, jsonBytes, parseJsonBytes } from "./engine.js";
import { CircuitFilesError } from "./errors.js";
import { feltToBigint, hexToFelt } from "./field.js";
import { sha256Hex } from "./getKeys.js";
import { parseOnnxMlp } from "../onnx/index.js";
import { settingsToJson } from "./settingsJson.js";

/** What circuits/<name>/circuit.json records about a compiled circuit. */
export type CircuitManifest = {
  format: "beacon-risk-oracle/circuit@1";
  /** sha256 of the ONNX file the circuit was compiled from. */
  onnxSha256: string;
  compiledSha256: string;
  settingsSha256: string;
  batchSize: number;
  features: number;
  scale: number;
  logrows: number;
  lookupRange: [number, number];
  /** Poseidon hash of the quantized parameters: the proof's second instance, as RiskOracle stores it (0x, big-endian). */
  modelHash: `0x${string}`;
  /** Absent when the circuit was compiled from a given settings file (`cli circuit compile`). */
  calibration?: { samples: number; observedLookupRange: [number, number]; margin: number };
};

export type Circuit = {
  dir: string;
  manifest: CircuitManifest;
  compiled: Uint8Array;
  settingsJson: string;
};

export type BuildCircuitParameters = {
  onnx: Uint8Array;
  batchSize: number;
  scale: number;
  /** Feature rows that span what the circuit must accept (the lookup range is their ×margin). */
  samples: readonly (readonly number[])[];
  margin?: number;
  maxLogrows?: number;
};

/** A circuit's directory: circuits/<model file name>-b<batch size>-s<scale>. */
export function circuitDir(modelPath: string, batchSize: number, scale: number): string {
  return path.join("circuits", `${path.basename(modelPath, ".onnx")}-b${batchSize}-s${scale}`);
}

/**
 * Calibrates and compiles the batch circuit of a model and reads its model hash from a witness.
 * Deterministic for the same model, samples and options, so the committed circuit can be rebuilt.
 */
export function buildCircuit({
  onnx,
  batchSize,
  scale,
  samples,
  margin = 2,
  maxLogrows,
}: BuildCircuitParameters): Circuit {
  const graph = parseOnnxMlp({ onnx });
  const { settings, compiled, observedLookupRange } = calibrate({
    model: graph,
    batchSize,
    samples,
    scale,
    margin,
    ...(maxLogrows !== undefined && { maxLogrows }),
  });
  const settingsJson = settingsToJson(settings);
  const manifest: CircuitManifest = {
    format: "beacon-risk-oracle/circuit@1",
    onnxSha256: sha256Hex(onnx),
    compiledSha256: sha256Hex(compiled),
    settingsSha256: sha256Hex(settingsJson),
    batchSize,
    features: graph.features,
    scale,
    logrows: settings.run_args.logrows,
    lookupRange: [
      Number(settings.run_args.lookup_range[0]),
      Number(settings.run_args.lookup_range[1]),
    ],
    modelHash: readModelHash(compiled, batchSize * graph.features),
    calibration: { samples: samples.length, observedLookupRange, margin },
  };
  return { dir: "", manifest, compiled, settingsJson };
}

/** The Poseidon hash of a circuit's Hashed parameters, from the engine's witness of a zero input of `inputs` values. */
export function readModelHash(compiled: Uint8Array, inputs: number): `0x${string}` {
  const witness = parseJsonBytes<{ processed_params: { poseidon_hash: string[] } }>(
    ezkl.genWitness(
      clamped(compiled),
      jsonBytes({ input_data: [new Array<number>(inputs).fill(0)] }),
    ),
  );
  return numberToHex(feltToBigint(hexToFelt(witness.processed_params.poseidon_hash[0])), {
    size: 32,
  });
}

export function writeCircuit(dir: string, circuit: Circuit): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "model.compiled"), circuit.compiled);
  writeFileSync(path.join(dir, "settings.json"), circuit.settingsJson);
  writeFileSync(path.join(dir, "circuit.json"), `${JSON.stringify(circuit.manifest, null, 2)}\n`);
}

export type LoadCircuitParameters = {
  dir: string /** sha256 of the model file being scored: the circuit must be built from it. */;
  onnxSha256?: string;
};

/** Reads a circuit directory and checks its files against the manifest (and the model file). */
export function loadCircuit({ dir, onnxSha256 }: LoadCircuitParameters): Circuit {
  const file = (name: string) => path.join(dir, name);
  if (!existsSync(file("circuit.json"))) {
    throw new CircuitFilesError(`No circuit in ${dir}`, {
      details:
        "build it with `npm run cli -- circuit` (calibrates and compiles the model for PROVING_BATCH_SIZE and PROVING_SCALE)",
    });
  }
  const manifest = JSON.parse(readFileSync(file("circuit.json"), "utf8")) as CircuitManifest;
  const compiled = new Uint8Array(readFileSync(file("model.compiled")));
  const settingsJson = readFileSync(file("settings.json"), "utf8");
  if (sha256Hex(compiled) !== manifest.compiledSha256)
    throw new CircuitFilesError(
      `${file("model.compiled")} does not match its manifest (damaged or edited)`,
    );
  if (sha256Hex(settingsJson) !== manifest.settingsSha256)
    throw new CircuitFilesError(
      `${file("settings.json")} does not match its manifest (damaged or edited)`,
    );
  if (onnxSha256 !== undefined && onnxSha256 !== manifest.onnxSha256) {
    throw new CircuitFilesError(`Circuit in ${dir} was compiled from another model file`, {
      details: `circuit ${manifest.onnxSha256}, model ${onnxSha256}; rebuild with \`npm run cli -- circuit\``,
    });
  }
  return { dir, manifest, compiled, settingsJson };
}
