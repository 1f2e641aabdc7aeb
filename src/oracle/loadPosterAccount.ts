import { readFile } from "node:fs/promises";
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { decryptKeystore } from "./decryptKeystore.js";
import { KeystoreError, PosterKeyError } from "./errors.js";

export type LoadPosterAccountParameters = {
  /** POSTER_PRIVATE_KEY (secret): 0x-prefixed 32-byte hex. Takes precedence over a keystore. */
  privateKey?: string;
  /** POSTER_KEYSTORE_PATH: a Web3 Secret Storage v3 JSON file. */
  keystorePath?: string;
  /** POSTER_KEYSTORE_PASSWORD (secret). */
  keystorePassword?: string;
};

/**
 * The poster's signing account, from a private key or an encrypted keystore file. The key stays
 * inside the returned viem account; no message or log line includes it or the password.
 */
export async function loadPosterAccount({ privateKey, keystorePath, keystorePassword }: LoadPosterAccountParameters): Promise<LocalAccount> {
  if (privateKey) {
    const k = privateKey.startsWith("0x") ? privateKey : `0x${privateKey}`;
    if (!/^0x[0-9a-fA-F]{64}$/.test(k)) throw new PosterKeyError("POSTER_PRIVATE_KEY must be 32 bytes of hex");
    return privateKeyToAccount(k as Hex);
  }
  if (keystorePath) {
    if (keystorePassword === undefined) throw new PosterKeyError("POSTER_KEYSTORE_PASSWORD is required with POSTER_KEYSTORE_PATH");
    let text: string;
    try {
      text = await readFile(keystorePath, "utf8");
    } catch (cause) {
      throw new KeystoreError("Cannot read the poster keystore file", { cause, details: keystorePath });
    }
    return privateKeyToAccount(await decryptKeystore({ keystore: text, password: keystorePassword }));
  }
  throw new PosterKeyError("No poster key: set POSTER_PRIVATE_KEY or POSTER_KEYSTORE_PATH");
}
