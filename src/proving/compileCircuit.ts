import { buildModel } from "./buildModel.js";
import { bigintToFelt } from "./field.js";
import {
  emptyGraphWitness,
  encodeGraphCircuit,
  type GraphCircuit,
  type GraphSettings,
} from "./graphCircuit.js";
import { type MlpGraph, parseOnnxMlp } from "../onnx/index.js";
import { validateRunArgs } from "./validateRunArgs.js";

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
 * Like ezkl v21.0.0 it copies the settings unchanged (its own `version` string included) except
 * `check_mode`, which it sets to UNSAFE, and stores a zero input of the batch shape as the
 * placeholder witness. Bad run arguments are refused as ezkl refuses them (InvalidProvingInputError).
 */
export function compileCircuit({
  model,
  settings,
}: CompileCircuitParameters): CompileCircuitReturnType {
  validateRunArgs(settings.run_args);
  const graph = model instanceof Uint8Array ? parseOnnxMlp({ onnx: model }) : model;
  const { model: lowered, batchSize } = buildModel({ graph, runArgs: settings.run_args });
  const zeros = Array.from({ length: batchSize * graph.features }, () => bigintToFelt(0n));
  const circuit: GraphCircuit = {
    core: { model: lowered, settings: { ...settings, check_mode: "UNSAFE" } },
    graph_witness: { ...emptyGraphWitness(), inputs: [zeros] },
  };
  return { compiled: encodeGraphCircuit(circuit), circuit };
}
