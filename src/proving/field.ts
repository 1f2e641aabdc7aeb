/**
 * BN254 scalar-field helpers for ezkl's fixed-point encoding: a real x at scale s is the integer
 * round(x · 2^s) (Rust's `f64::round`, half away from zero), stored as a field element with
 * negatives wrapped modulo r. Field elements travel as 32-byte canonical little-endian arrays.
 * Pure (no Node APIs): the web pages recompute input commitments with it in the browser.
 */
export const FR_MODULUS = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n;

/** Rust's f64::round: halves go away from zero (Math.round sends -0.5 to -0). */
export function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** ezkl's quantize_float: f32 value → integer at `scale` (the f32 is widened to f64 first). */
export function quantize(x: number, scale: number): bigint {
  return BigInt(roundHalfAwayFromZero(Math.fround(x) * 2 ** scale));
}

export function bigintToFelt(v: bigint): Uint8Array {
  let u = ((v % FR_MODULUS) + FR_MODULUS) % FR_MODULUS;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

/** Felt (little-endian bytes) → unsigned integer in [0, r). */
export function feltToBigint(felt: Uint8Array): bigint {
  let v = 0n;
  for (let i = felt.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(felt[i]);
  return v;
}

/** Felt → signed integer: values above r/2 are negatives (ezkl's felt_to_integer_rep). */
export function feltToSigned(felt: Uint8Array): bigint {
  const v = feltToBigint(felt);
  return v > FR_MODULUS / 2n ? v - FR_MODULUS : v;
}

/** ezkl's JSON form of a felt: 64 hex chars of the little-endian bytes. */
export function feltToHex(felt: Uint8Array): string {
  return Array.from(felt, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function hexToFelt(hex: string): Uint8Array {
  const clean = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{64}$/.test(clean)) throw new RangeError(`not a 32-byte field element: ${hex}`);
  return Uint8Array.from({ length: 32 }, (_, i) =>
    Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}
