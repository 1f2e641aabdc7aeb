import { batchSizeOf, buildModel } from "./buildModel.js";
import { bigintToFelt } from "./field.js";
import { emptyGraphWitness, encodeGraphCircuit, type GraphCircuit, type GraphSettings } from "./graphCircuit.js";
import { type MlpGraph, parseOnnxMlp } from "./parseOnnxMlp.js";

/** The version string ezkl v21.0.0's release build writes into a compiled circuit. */
export const EZKL_COMPILED_VERSION = "0.0.0";

export type CompileCircuitParameters = {
  /** ONNX bytes, or an MLP already parsed by parseOnnxMlp. */
  model: Uint8Array | MlpGraph;
  /** Settings to embed (ezkl's compile-circuit copies them; createSettings or calibrate make them). */
  settings: GraphSettings;
};
export type CompileCircuitReturnType = { compiled: Uint8Array; circuit: GraphCircuit };

/**
 * ezkl `compile-circuit`: the model lowered to ezkl's node graph plus the given settings,
 * serialized as a bincode GraphCircuit that the engine's genWitness/genVk/genPk/prove accept.
 * Like ezkl it stores a zero input of the batch shape as the placeholder witness.
 */
export function compileCircuit({ model, settings }: CompileCircuitParameters): CompileCircuitReturnType {
  const graph = model instanceof Uint8Array ? parseOnnxMlp({ onnx: model }) : model;
  const { model: lowered } = buildModel({ graph, runArgs: settings.run_args });
  const zeros = Array.from({ length: batchSizeOf(settings.run_args) * graph.features }, () => bigintToFelt(0n));
  const circuit: GraphCircuit = {
    core: { model: lowered, settings: { ...settings, check_mode: "UNSAFE", version: EZKL_COMPILED_VERSION } },
    graph_witness: { ...emptyGraphWitness(), inputs: [zeros] },
  };
  return { compiled: encodeGraphCircuit(circuit), circuit };
}
