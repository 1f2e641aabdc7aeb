import { readFile } from "node:fs/promises";
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { decryptKeystore } from "../keystore/decryptKeystore.js";
import { KeystoreError, PosterKeyError } from "../report/errors.js";

export type LoadPosterAccountParameters = {
  /** POSTER_PRIVATE_KEY (secret): 0x-prefixed 32-byte hex. Takes precedence over a keystore. */
  privateKey?: string;
  /** POSTER_KEYSTORE_PATH: a Web3 Secret Storage v3 JSON file. */
  keystorePath?: string;
  /** POSTER_KEYSTORE_PASSWORD (secret). */
  keystorePassword?: string;
  /** Prefix of the settings named in error messages: POSTER (default) or ATTESTER. */
  role?: "POSTER" | "ATTESTER";
};

/**
 * The poster's (or an attester's) signing account, from a private key or an encrypted keystore file. The key stays
 * inside the returned viem account; no message or log line includes it or the password.
 */
export async function loadPosterAccount({
  privateKey,
  keystorePath,
  keystorePassword,
  role = "POSTER",
}: LoadPosterAccountParameters): Promise<LocalAccount> {
  if (privateKey) {
    const k = privateKey.startsWith("0x") ? privateKey : `0x${privateKey}`;
    if (!/^0x[0-9a-fA-F]{64}$/.test(k))
      throw new PosterKeyError(`${role}_PRIVATE_KEY must be 32 bytes of hex`);
    return privateKeyToAccount(k as Hex);
  }
  if (keystorePath) {
    if (keystorePassword === undefined)
      throw new PosterKeyError(`${role}_KEYSTORE_PASSWORD is required with ${role}_KEYSTORE_PATH`);
    let text: string;
    try {
      text = await readFile(keystorePath, "utf8");
    } catch (cause) {
      throw new KeystoreError(`Cannot read the ${role.toLowerCase()} keystore file`, {
        cause,
        details: keystorePath,
      });
    }
    return privateKeyToAccount(
      await decryptKeystore({ keystore: text, password: keystorePassword }),
    );
  }
  throw new PosterKeyError(
    `No ${role.toLowerCase()} key: set ${role}_PRIVATE_KEY or ${role}_KEYSTORE_PATH`,
  );
}
