/**
 * halo2's KZG params in RawBytes form (what ezkl and the engine read): u32 LE k, 2^k G1 powers
 * s^i·G1, 2^k G1 Lagrange points L_i(s)·G1, then G2 and s·G2. Coordinates are 32-byte
 * little-endian Montgomery form; G2 coordinates are ordered x.c0, x.c1, y.c0, y.c1.
 */
import { bn254 } from "@noble/curves/bn254.js";

/** BN254 base-field modulus p (coordinates); the scalar field r is FR_MODULUS in field.ts. */
export const BN254_FP = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;
const R = 1n << 256n;
const R_INV = modPow(R % BN254_FP, BN254_FP - 2n, BN254_FP);

export const G1_BYTES = 64;
export const G2_BYTES = 128;
/** The largest k ezkl accepts (bn256::Fr::S − 2). */
export const MAX_SRS_K = 26;

export function srsByteLength(k: number): number {
  return 4 + 2 * 2 ** k * G1_BYTES + 2 * G2_BYTES;
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

function writeFp(out: Uint8Array, at: number, x: bigint): void {
  let m = (x * R) % BN254_FP;
  for (let i = 0; i < 32; i++) {
    out[at + i] = Number(m & 0xffn);
    m >>= 8n;
  }
}

function readFp(bytes: Uint8Array, at: number): bigint {
  let m = 0n;
  for (let i = 31; i >= 0; i--) m = (m << 8n) | BigInt(bytes[at + i]);
  if (m >= BN254_FP) throw new RangeError(`coordinate at byte ${at} is not reduced modulo p`);
  return (m * R_INV) % BN254_FP;
}

export type G1Affine = { x: bigint; y: bigint };
export type G2Affine = { x: { c0: bigint; c1: bigint }; y: { c0: bigint; c1: bigint } };

export function writeG1(out: Uint8Array, at: number, p: G1Affine): void {
  writeFp(out, at, p.x);
  writeFp(out, at + 32, p.y);
}

export function readG1(bytes: Uint8Array, at: number): G1Affine {
  return { x: readFp(bytes, at), y: readFp(bytes, at + 32) };
}

export function writeG2(out: Uint8Array, at: number, p: G2Affine): void {
  writeFp(out, at, p.x.c0);
  writeFp(out, at + 32, p.x.c1);
  writeFp(out, at + 64, p.y.c0);
  writeFp(out, at + 96, p.y.c1);
}

export function readG2(bytes: Uint8Array, at: number): G2Affine {
  return {
    x: { c0: readFp(bytes, at), c1: readFp(bytes, at + 32) },
    y: { c0: readFp(bytes, at + 64), c1: readFp(bytes, at + 96) },
  };
}

/** Byte offsets of the sections of a k-SRS. */
export function srsLayout(k: number): {
  g: number;
  gLagrange: number;
  g2: number;
  sG2: number;
  end: number;
} {
  const n = 2 ** k;
  const g = 4;
  const gLagrange = g + n * G1_BYTES;
  const g2 = gLagrange + n * G1_BYTES;
  const sG2 = g2 + G2_BYTES;
  return { g, gLagrange, g2, sG2, end: sG2 + G2_BYTES };
}

export const G1 = bn254.G1.Point;
export const G2 = bn254.G2.Point;
