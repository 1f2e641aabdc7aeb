import { createCipheriv, randomBytes, randomUUID, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { keccak256, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import type { Keystore } from "./decryptKeystore.js";

const scryptAsync = promisify(scrypt) as (
  password: Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export type EncryptKeystoreParameters = {
  privateKey: Hex;
  password: string;
  /** scrypt cost; the default 2^18 is what geth writes ("standard"). Tests use small values. */
  scryptN?: number;
};

/** Writes a Web3 Secret Storage v3 keystore (scrypt, aes-128-ctr) for a private key. */
export async function encryptKeystore({
  privateKey,
  password,
  scryptN = 262_144,
}: EncryptKeystoreParameters): Promise<Keystore> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const r = 8;
  const p = 1;
  const derived = await scryptAsync(Buffer.from(password.normalize("NFKD"), "utf8"), salt, 32, {
    N: scryptN,
    r,
    p,
    maxmem: 256 * scryptN * r + 64 * 1024 * 1024,
  });
  const cipher = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([
    cipher.update(Buffer.from(privateKey.slice(2), "hex")),
    cipher.final(),
  ]);
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext])).slice(2);
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: iv.toString("hex") },
      ciphertext: ciphertext.toString("hex"),
      kdf: "scrypt",
      kdfparams: { dklen: 32, salt: salt.toString("hex"), n: scryptN, r, p },
      mac,
    },
  };
}
