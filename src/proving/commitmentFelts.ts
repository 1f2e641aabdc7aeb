import { bigintToFelt, feltToHex, quantize } from "./field.js";

export type CommitmentFeltsParameters = {
  /** Rows of floats (feature vectors, or the weights flattened in graph order). */
  values: readonly (readonly number[])[] | Float32Array;
  scale: number;
};

/**
 * The field elements ezkl's Poseidon hashes for a Hashed tensor: the values quantized at `scale`
 * (round half away from zero), row-major, as 64-hex-char little-endian felts. Pure, so the Node
 * engine (computeCommitment) and the browser's (src/web) hash exactly the same message.
 */
export function commitmentFelts({ values, scale }: CommitmentFeltsParameters): string[] {
  const flat = values instanceof Float32Array ? Array.from(values) : values.flat();
  return flat.map((v) => feltToHex(bigintToFelt(quantize(v, scale))));
}
