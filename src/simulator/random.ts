/**
 * Seeded, stateless pseudo-randomness: every decision of the chain is a pure function of
 * (seed, tag, a, b), so any epoch can be computed alone and in any order.
 */

/** Tags keep independent decisions independent (a miss never correlates with a proposer pick). */
export const Tag = {
  pubkey: 1,
  proposer: 2,
  attestationMiss: 3,
  headMiss: 4,
  shuffle: 5,
  syncMember: 6,
  syncMiss: 7,
  proposalMiss: 8,
  root: 9,
  signature: 10,
  slashingPick: 11,
  initialBalance: 12,
  address: 13,
  gasUsed: 14,
} as const;

/** 32-bit avalanche hash of four 32-bit words (murmur3 finaliser rounds). */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ a, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1). */
export function random01(seed: number, tag: number, a: number, b = 0): number {
  return hash32(seed, tag, a, b) / 4294967296;
}

/** `length` deterministic bytes, e.g. a root (32) or a signature (96). */
export function randomBytes(
  seed: number,
  tag: number,
  a: number,
  b: number,
  length: number,
): Uint8Array {
  const out = new Uint8Array(length);
  fillRandom(out, 0, length, seed, tag, a, b);
  return out;
}

export function fillRandom(
  out: Uint8Array,
  offset: number,
  length: number,
  seed: number,
  tag: number,
  a: number,
  b: number,
): void {
  for (let i = 0; i < length; i += 4) {
    const word = hash32(seed, tag ^ (i << 8), a, b);
    for (let k = 0; k < 4 && i + k < length; k++) out[offset + i + k] = (word >>> (k * 8)) & 0xff;
  }
}

/** Seeds may be numbers or strings in scenario files; strings are folded with FNV-1a. */
export function seedToNumber(seed: string | number): number {
  if (typeof seed === "number") return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Small fast PRNG (mulberry32) for long sequences such as a shuffle. */
export function createRng(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
