import { createDecipheriv, pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { keccak256, type Hex } from "viem";
import { KeystoreError } from "../report/errors.js";

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** A Web3 Secret Storage v3 keystore (what geth, clef, foundry `cast wallet` and ethers write). */
export type Keystore = {
  version: 3;
  address?: string;
  id?: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt" | "pbkdf2";
    kdfparams:
      | { dklen: number; salt: string; n: number; r: number; p: number }
      | { dklen: number; salt: string; c: number; prf: "hmac-sha256" };
    mac: string;
  };
};

export type DecryptKeystoreParameters = {
  /** The keystore JSON (text or parsed). */
  keystore: string | Keystore;
  password: string;
};

/**
 * Decrypts a Web3 Secret Storage v3 keystore (scrypt or pbkdf2-hmac-sha256, aes-128-ctr) with
 * node:crypto and returns the private key. Errors never include the password or key.
 */
export async function decryptKeystore({
  keystore,
  password,
}: DecryptKeystoreParameters): Promise<Hex> {
  let ks: Keystore & { Crypto?: Keystore["crypto"] };
  try {
    ks = typeof keystore === "string" ? JSON.parse(keystore) : keystore;
  } catch (cause) {
    throw new KeystoreError("Keystore is not valid JSON", { cause });
  }
  const c = ks?.crypto ?? ks?.Crypto;
  if (ks?.version !== 3 || !c)
    throw new KeystoreError("Unsupported keystore: expected a version 3 keystore");
  if (c.cipher !== "aes-128-ctr")
    throw new KeystoreError(`Unsupported keystore cipher ${String(c.cipher)}`);
  const params = c.kdfparams as Record<string, unknown>;
  const dklen = Number(params.dklen);
  if (!(dklen >= 32)) throw new KeystoreError("Keystore dklen must be at least 32");
  const salt = hexBytes(String(params.salt), "salt");
  const pw = Buffer.from(password.normalize("NFKD"), "utf8");
  let derived: Buffer;
  if (c.kdf === "scrypt") {
    const n = Number(params.n);
    const r = Number(params.r);
    const p = Number(params.p);
    if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0 || !(r > 0) || !(p > 0))
      throw new KeystoreError("Invalid scrypt parameters");
    derived = await deriveScrypt(pw, salt, dklen, n, r, p);
  } else if (c.kdf === "pbkdf2") {
    if (params.prf !== "hmac-sha256")
      throw new KeystoreError(`Unsupported pbkdf2 prf ${String(params.prf)}`);
    const iterations = Number(params.c);
    if (!Number.isInteger(iterations) || iterations < 1)
      throw new KeystoreError("Invalid pbkdf2 iteration count");
    derived = await pbkdf2Async(pw, salt, iterations, dklen, "sha256");
  } else {
    throw new KeystoreError(`Unsupported keystore kdf ${String(c.kdf)}`);
  }
  const ciphertext = hexBytes(c.ciphertext, "ciphertext");
  const mac = hexBytes(c.mac, "mac");
  const expected = Buffer.from(
    keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext])).slice(2),
    "hex",
  );
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    throw new KeystoreError("Keystore MAC mismatch: wrong password or corrupted file");
  }
  const decipher = createDecipheriv(
    "aes-128-ctr",
    derived.subarray(0, 16),
    hexBytes(c.cipherparams.iv, "iv"),
  );
  const key = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (key.length !== 32) throw new KeystoreError("Keystore does not hold a 32-byte private key");
  return `0x${key.toString("hex")}`;
}

/**
 * scrypt with node:crypto (OpenSSL). OpenSSL refuses N ≥ 2^(16r) (e.g. the spec's r = 1 vector);
 * those fall back to @noble/hashes when it is installed (it comes with viem).
 */
async function deriveScrypt(
  pw: Buffer,
  salt: Buffer,
  dklen: number,
  n: number,
  r: number,
  p: number,
): Promise<Buffer> {
  if (16 * r >= 64 || n < 2 ** (16 * r)) {
    return scryptAsync(pw, salt, dklen, { N: n, r, p, maxmem: 256 * n * r * p + 64 * 1024 * 1024 });
  }
  let noble: {
    scryptAsync(
      password: Uint8Array,
      salt: Uint8Array,
      opts: { N: number; r: number; p: number; dkLen: number; maxmem?: number },
    ): Promise<Uint8Array>;
  };
  try {
    noble = (await import("@noble/hashes/scrypt.js")) as typeof noble;
  } catch (cause) {
    throw new KeystoreError(
      "Keystore scrypt parameters need @noble/hashes (N ≥ 2^(16r) is refused by OpenSSL)",
      { cause },
    );
  }
  const out = await noble.scryptAsync(pw, salt, {
    N: n,
    r,
    p,
    dkLen: dklen,
    maxmem: 256 * n * r * p + 64 * 1024 * 1024,
  });
  return Buffer.from(out);
}

function hexBytes(value: string, field: string): Buffer {
  const h = value.startsWith("0x") ? value.slice(2) : value;
  if (!/^([0-9a-fA-F]{2})*$/.test(h)) throw new KeystoreError(`Keystore field ${field} is not hex`);
  return Buffer.from(h, "hex");
}
