/**
 * Encrypted keystores (scrypt + AES-GCM) for the poster's and attesters' signing keys.
 */
export {
  decryptKeystore,
  type DecryptKeystoreParameters,
  type Keystore,
} from "./decryptKeystore.js";
export { encryptKeystore, type EncryptKeystoreParameters } from "./encryptKeystore.js";
