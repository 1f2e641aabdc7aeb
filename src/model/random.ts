/**
 * A small seeded PRNG (xoshiro128**, seeded through splitmix32) with the distributions the
 * simulator needs. Math.random is never used: the same seed gives the same data and model.
 */
export type Random = {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  normal(): number;
  /** Log-normal with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number;
  poisson(lambda: number): number;
  binomial(n: number, p: number): number;
  /** An independent stream derived from this one (for per-operator streams). */
  fork(): Random;
};

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const float = () => nextU32() / 4294967296;
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    let v = 0;
    let r = 0;
    do {
      u = 2 * float() - 1;
      v = 2 * float() - 1;
      r = u * u + v * v;
    } while (r >= 1 || r === 0);
    const m = Math.sqrt((-2 * Math.log(r)) / r);
    spare = v * m;
    return u * m;
  };
  const poisson = (lambda: number): number => {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = float();
    while (p > l) {
      k++;
      p *= float();
    }
    return k;
  };
  const binomial = (n: number, p: number): number => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n < 25) {
      let k = 0;
      for (let i = 0; i < n; i++) if (float() < p) k++;
      return k;
    }
    const mean = n * p;
    // Poisson for rare events, normal otherwise: exact enough for counts of missed duties.
    if (mean < 15 || n - mean < 15)
      return p < 0.5 ? Math.min(n, poisson(mean)) : n - Math.min(n, poisson(n - mean));
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * normal())));
  };
  const rng: Random = {
    float,
    int: (n) => Math.floor(float() * n),
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    poisson,
    binomial,
    fork: () => createRandom(nextU32() ^ Math.imul(nextU32(), 0x9e3779b1)),
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
