import { commitmentFelts, type CommitmentFeltsParameters } from "./commitmentFelts.js";
import { ezkl, jsonBytes } from "./engine.js";

export type ComputeCommitmentParameters = CommitmentFeltsParameters;

/**
 * The Poseidon hash ezkl puts in a proof for a Hashed tensor: the values quantized at `scale`
 * (round half away from zero) and hashed in row-major order. Hex, little-endian, like the
 * proof's instances. Used for the input commitment (feature vectors) and the model hash.
 */
export function computeCommitment({ values, scale }: ComputeCommitmentParameters): string {
  const out = ezkl.poseidonHash(jsonBytes(commitmentFelts({ values, scale })));
  const hashes = JSON.parse(new TextDecoder().decode(out)) as string[][];
  return hashes[0][0];
}
