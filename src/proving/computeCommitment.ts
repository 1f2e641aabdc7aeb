import { ezkl, jsonBytes } from "./engine.js";
import { bigintToFelt, feltToHex, quantize } from "./field.js";

export type ComputeCommitmentParameters = {
  /** Rows of floats (feature vectors, or the weights flattened in graph order). */
  values: readonly (readonly number[])[] | Float32Array;
  scale: number;
};

/**
 * The Poseidon hash ezkl puts in a proof for a Hashed tensor: the values quantized at `scale`
 * (round half away from zero) and hashed in row-major order. Hex, little-endian, like the
 * proof's instances. Used for the input commitment (feature vectors) and the model hash.
 */
export function computeCommitment({ values, scale }: ComputeCommitmentParameters): string {
  const flat = values instanceof Float32Array ? Array.from(values) : values.flat();
  const felts = flat.map((v) => feltToHex(bigintToFelt(quantize(v, scale))));
  const out = ezkl.poseidonHash(jsonBytes(felts));
  const hashes = JSON.parse(new TextDecoder().decode(out)) as string[][];
  return hashes[0][0];
}
