import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { bn254 } from "@noble/curves/bn254.js";
import { clamped, ezkl } from "./engine.js";
import { InsecureSrsError, SrsCorruptError, SrsDegreeMismatchError } from "./errors.js";
import { DEV_SRS_MARKER_SUFFIX, devSrsSecret } from "./generateDevSrs.js";
import { G1, G2, MAX_SRS_K, readG1, readG2, srsByteLength, srsLayout } from "./srsFormat.js";

export type LoadSrsParameters = {
  path: string;
  /** The circuit's logrows: verification needs an SRS of exactly this k. */
  k?: number;
  /** Defaults to process.env.NODE_ENV; a development SRS is refused in production. */
  nodeEnv?: string;
};
export type LoadSrsReturnType = { bytes: Uint8Array; k: number; sha256: string; insecure: boolean };

/**
 * Reads a KZG SRS (`kzg{k}.srs`, RawBytes) and checks it before it reaches the engine, whose own
 * failure on a bad file is an opaque WASM trap: exact length for its k, the first power is the
 * G1 generator, sampled points are on the curve, e(s·G1, G2) = e(G1, s·G2) ties the G1 powers
 * to the G2 part, and the Lagrange points sum to G1 (Σ L_i(s) = 1).
 */
export async function loadSrs({
  path,
  k,
  nodeEnv = process.env.NODE_ENV,
}: LoadSrsParameters): Promise<LoadSrsReturnType> {
  if (!existsSync(path))
    throw new SrsCorruptError(`SRS file not found: ${path}`, {
      details: "Set EZKL_SRS_PATH to a ceremony SRS file (kzg{k}.srs)",
    });
  const bytes = new Uint8Array(await readFile(path));
  if (bytes.length < 4)
    throw new SrsCorruptError(`SRS file ${path} is truncated (${bytes.length} bytes)`);
  const fileK = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  if (fileK < 1 || fileK > MAX_SRS_K)
    throw new SrsCorruptError(`SRS file ${path} declares k=${fileK}, not a valid SRS header`);
  if (bytes.length !== srsByteLength(fileK)) {
    throw new SrsCorruptError(
      `SRS file ${path} has ${bytes.length} bytes; k=${fileK} needs ${srsByteLength(fileK)}`,
      {
        details:
          bytes.length < srsByteLength(fileK) ? "file is truncated" : "file has trailing data",
      },
    );
  }
  if (k !== undefined && fileK !== k) {
    throw new SrsDegreeMismatchError(`SRS has k=${fileK} but the circuit needs k=${k}`, {
      details: `use kzg${k}.srs`,
      meta: { fileK, k },
    });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let devSecret = validated.get(sha256);
  if (devSecret === undefined) {
    checkPoints(bytes, fileK, path);
    devSecret = isDefaultDevSrs(bytes, fileK);
  }
  const insecure = devSecret || existsSync(path + DEV_SRS_MARKER_SUFFIX);
  if (insecure && nodeEnv === "production") {
    throw new InsecureSrsError(`Refusing the development SRS ${path} in production`, {
      details: "its secret is public: anyone could forge proofs",
    });
  }
  if (!validated.has(sha256)) {
    if (!ezkl.srsValidation(clamped(bytes)))
      throw new SrsCorruptError(`The engine rejects SRS file ${path}`);
    validated.set(sha256, devSecret);
  }
  return { bytes, k: fileK, sha256, insecure };
}

/**
 * sha256 of every SRS that passed the checks → whether it is the default development SRS. The
 * point and engine checks take ~1.7 s of the caller's thread at k=16; a worker proving report after
 * report with the same file pays them once, and any changed byte changes the hash and is checked.
 */
const validated = new Map<string, boolean>();

function checkPoints(bytes: Uint8Array, k: number, path: string): void {
  const n = 2 ** k;
  const layout = srsLayout(k);
  try {
    const g = (i: number) => G1.fromAffine(readG1(bytes, layout.g + i * 64));
    const lagrange = (i: number) => G1.fromAffine(readG1(bytes, layout.gLagrange + i * 64));
    const sample = [...new Set([0, 1, 2, n >> 1, n - 2, n - 1].filter((i) => i >= 0 && i < n))];
    for (const i of sample) {
      g(i).assertValidity();
      lagrange(i).assertValidity();
    }
    if (!g(0).equals(G1.BASE)) throw new Error("first G1 power is not the generator");
    const g2 = G2.fromAffine(readG2(bytes, layout.g2));
    const sG2 = G2.fromAffine(readG2(bytes, layout.sG2));
    g2.assertValidity();
    sG2.assertValidity();
    if (n > 1) {
      const lhs = bn254.pairing(g(1), g2);
      const rhs = bn254.pairing(g(0), sG2);
      if (!bn254.fields.Fp12.eql(lhs, rhs))
        throw new Error("pairing check e(s·G1, G2) = e(G1, s·G2) fails");
    }
    let sum = G1.ZERO;
    for (let i = 0; i < n; i++) sum = sum.add(lagrange(i));
    if (!sum.equals(g(0))) throw new Error("Lagrange points do not sum to the generator");
  } catch (cause) {
    throw new SrsCorruptError(`SRS file ${path} is not a valid KZG SRS`, { cause });
  }
}

/** Recognises the default development secret even if its marker file was removed or renamed. */
function isDefaultDevSrs(bytes: Uint8Array, k: number): boolean {
  if (k < 1) return false;
  const g1 = G1.fromAffine(readG1(bytes, srsLayout(k).g + 64));
  return g1.equals(G1.BASE.multiply(devSrsSecret()));
}
