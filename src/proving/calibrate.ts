import { batchSizeOf } from "./buildModel.js";
import { compileCircuit } from "./compileCircuit.js";
import { createSettings } from "./createSettings.js";
import { clamped, ezkl, jsonBytes, parseJsonBytes } from "./engine.js";
import { CalibrationError } from "./errors.js";
import type { GraphSettings } from "./graphCircuit.js";
import { type MlpGraph, parseOnnxMlp } from "../onnx/index.js";
import { padRows } from "./proveBatch.js";

export type CalibrateParameters = {
  model: Uint8Array | MlpGraph;
  batchSize: number;
  /** Representative feature vectors (e.g. a recent epoch's operators). */
  samples: readonly (readonly number[])[];
  /** Fixed-point scale; 10 gives score steps of 1/1024 (~10 bp). */
  scale?: number;
  /** Lookup range = observed range × margin (ezkl's lookup_safety_margin), for unseen inputs. */
  margin?: number;
  maxLogrows?: number;
  /** Force a logrows (at least what the circuit needs). */
  logrows?: number;
  numInnerCols?: number;
};
export type CalibrateReturnType = {
  settings: GraphSettings;
  compiled: Uint8Array;
  observedLookupRange: [number, number];
};

/**
 * ezkl `calibrate-settings`, reduced to what an MLP needs: run the quantized model on the samples
 * with the engine's witness generator, take the range of Sigmoid-table inputs it reports, widen it
 * by the margin, then fix logrows for the table, the model and the Poseidon hashing.
 */
export function calibrate({
  model,
  batchSize,
  samples,
  scale = 10,
  margin = 2,
  maxLogrows = 16,
  logrows,
  numInnerCols,
}: CalibrateParameters): CalibrateReturnType {
  const graph = model instanceof Uint8Array ? parseOnnxMlp({ onnx: model }) : model;
  if (samples.length === 0) throw new CalibrationError("Calibration needs at least one sample row");
  const probe = createSettings({ graph, batchSize, scale, maxLogrows: 26, numInnerCols });
  const { compiled } = compileCircuit({ model: graph, settings: probe });
  const B = batchSizeOf(probe.run_args);
  let min = 0;
  let max = 0;
  for (let i = 0; i < samples.length; i += B) {
    const rows = padRows(samples.slice(i, i + B), B, graph.features);
    const w = parseJsonBytes<{ min_lookup_inputs: number; max_lookup_inputs: number }>(
      ezkl.genWitness(clamped(compiled), jsonBytes({ input_data: [rows.flat()] })),
    );
    min = Math.min(min, w.min_lookup_inputs);
    max = Math.max(max, w.max_lookup_inputs);
  }
  const lookupRange: [bigint, bigint] = [
    BigInt(Math.floor(min * margin)),
    BigInt(Math.ceil(max * margin)),
  ];
  const settings = createSettings({
    graph,
    batchSize,
    scale,
    lookupRange,
    maxLogrows,
    logrows,
    numInnerCols,
  });
  return {
    settings,
    compiled: compileCircuit({ model: graph, settings }).compiled,
    observedLookupRange: [min, max],
  };
}
