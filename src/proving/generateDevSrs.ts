import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { normalizeZ } from "@noble/curves/abstract/curve.js";
import type { Logger } from "../common/logger.js";
import { InsecureSrsError, InvalidProvingInputError } from "./errors.js";
import { FR_MODULUS } from "./field.js";
import {
  G1,
  G2,
  MAX_SRS_K,
  modPow,
  srsByteLength,
  srsLayout,
  writeG1,
  writeG2,
} from "./srsFormat.js";

export type GenerateDevSrsParameters = {
  k: number;
  /** Label the secret is derived from; anyone who knows it can forge proofs. */
  seed?: string;
  /** Directory for the cached file (default `.cache/srs`). */
  cacheDir?: string;
  logger?: Logger;
  /** Defaults to process.env.NODE_ENV; generation is refused in production. */
  nodeEnv?: string;
};
export type GenerateDevSrsReturnType = {
  path: string;
  k: number;
  bytes: Uint8Array;
  cached: boolean;
};

export const DEFAULT_DEV_SRS_SEED = "beacon-risk-oracle insecure development srs";
/** Sidecar written next to every development SRS so the prover can recognise and refuse it. */
export const DEV_SRS_MARKER_SUFFIX = ".insecure-dev-srs.json";

const WARNING = [
  "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
  "!! INSECURE DEVELOPMENT SRS: its secret is derived from a public seed.     !!",
  "!! Anyone can forge proofs that verify against it. Development/tests only. !!",
  "!! Production must load a public powers-of-tau ceremony SRS (EZKL_SRS_PATH)!!",
  "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
].join("\n");

/** The secret scalar s of a development SRS: SHA-256 of the seed, reduced modulo r. */
export function devSrsSecret(seed: string = DEFAULT_DEV_SRS_SEED): bigint {
  const h = BigInt("0x" + createHash("sha256").update(seed).digest("hex"));
  return (h % (FR_MODULUS - 2n)) + 2n;
}

/**
 * Makes a KZG SRS of size 2^k from a known secret, in the RawBytes format the engine reads,
 * cached on disk by k and seed (k=17 takes minutes). Loudly insecure by design; refused when
 * NODE_ENV=production.
 */
export async function generateDevSrs({
  k,
  seed = DEFAULT_DEV_SRS_SEED,
  cacheDir = ".cache/srs",
  logger,
  nodeEnv = process.env.NODE_ENV,
}: GenerateDevSrsParameters): Promise<GenerateDevSrsReturnType> {
  if (nodeEnv === "production")
    throw new InsecureSrsError("Refusing to generate a development SRS in production", {
      details: "Set EZKL_SRS_PATH to a ceremony SRS",
    });
  if (!Number.isInteger(k) || k < 1 || k > MAX_SRS_K)
    throw new InvalidProvingInputError(`SRS k must be an integer in 1..${MAX_SRS_K}, got ${k}`);
  process.stderr.write(`${WARNING}\n`);
  logger?.warn(
    { k, seed },
    "using an INSECURE development SRS (known secret): development and tests only",
  );

  const seedTag = createHash("sha256").update(seed).digest("hex").slice(0, 12);
  const file = path.join(cacheDir, `dev-kzg${k}-${seedTag}.srs`);
  if (existsSync(file) && existsSync(file + DEV_SRS_MARKER_SUFFIX)) {
    const bytes = new Uint8Array(await readFile(file));
    if (bytes.length === srsByteLength(k)) return { path: file, k, bytes, cached: true };
  }

  const started = Date.now();
  const bytes = buildSrs(k, devSrsSecret(seed));
  await mkdir(cacheDir, { recursive: true });
  // Write the marker first and the SRS atomically, so a dev file never exists without its marker.
  await writeFile(
    file + DEV_SRS_MARKER_SUFFIX,
    JSON.stringify({
      insecure: true,
      k,
      seed,
      warning: "development SRS with a publicly derivable secret",
    }) + "\n",
  );
  await writeFile(file + ".tmp", bytes);
  await rename(file + ".tmp", file);
  logger?.info({ k, file, ms: Date.now() - started }, "generated development SRS");
  return { path: file, k, bytes, cached: false };
}

function buildSrs(k: number, s: bigint): Uint8Array {
  const n = 2 ** k;
  const r = FR_MODULUS;
  const omega = modPow(7n, (r - 1n) / BigInt(n), r);

  const powers = new Array<bigint>(n);
  powers[0] = 1n;
  for (let i = 1; i < n; i++) powers[i] = (powers[i - 1] * s) % r;

  // L_i(s) = ω^i (s^n − 1) / (n (s − ω^i)), with one batched inversion of the denominators.
  const sn1 = (modPow(s, BigInt(n), r) - 1n + r) % r;
  const omegas = new Array<bigint>(n);
  omegas[0] = 1n;
  for (let i = 1; i < n; i++) omegas[i] = (omegas[i - 1] * omega) % r;
  const denoms = omegas.map((w) => (((s - w + r) % r) * BigInt(n)) % r);
  const inverses = batchInvert(denoms, r);
  const lagrange = omegas.map((w, i) => (((w * sn1) % r) * inverses[i]) % r);

  const toAffine = (scalars: bigint[]) =>
    normalizeZ(
      G1,
      scalars.map((x) => G1.BASE.multiplyUnsafe(x)),
    ).map((p) => p.toAffine());
  const out = new Uint8Array(srsByteLength(k));
  new DataView(out.buffer).setUint32(0, k, true);
  const layout = srsLayout(k);
  for (const [i, p] of toAffine(powers).entries()) writeG1(out, layout.g + i * 64, p);
  for (const [i, p] of toAffine(lagrange).entries()) writeG1(out, layout.gLagrange + i * 64, p);
  writeG2(out, layout.g2, G2.BASE.toAffine());
  writeG2(out, layout.sG2, G2.BASE.multiply(s).toAffine());
  return out;
}

function batchInvert(values: bigint[], mod: bigint): bigint[] {
  const prefix = new Array<bigint>(values.length);
  let acc = 1n;
  for (let i = 0; i < values.length; i++) {
    prefix[i] = acc;
    acc = (acc * values[i]) % mod;
  }
  let inv = modPow(acc, mod - 2n, mod);
  const out = new Array<bigint>(values.length);
  for (let i = values.length - 1; i >= 0; i--) {
    out[i] = (inv * prefix[i]) % mod;
    inv = (inv * values[i]) % mod;
  }
  return out;
}
