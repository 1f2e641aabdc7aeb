import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decryptKeystore } from "./decryptKeystore.js";
import { encryptKeystore } from "./encryptKeystore.js";
import { KeystoreError, PosterKeyError } from "../report/errors.js";
import { loadPosterAccount } from "../chain/loadPosterAccount.js";

// The test vectors of the Web3 Secret Storage Definition (password "testpassword").
const KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const PBKDF2_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const SCRYPT_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

describe("decryptKeystore", () => {
  it("decrypts the spec's pbkdf2 and scrypt vectors", async () => {
    assert.equal(
      await decryptKeystore({ keystore: JSON.stringify(PBKDF2_VECTOR), password: "testpassword" }),
      KEY,
    );
    assert.equal(
      await decryptKeystore({ keystore: JSON.stringify(SCRYPT_VECTOR), password: "testpassword" }),
      KEY,
    );
  });

  it("refuses a wrong password without echoing it", async () => {
    await assert.rejects(
      decryptKeystore({ keystore: JSON.stringify(PBKDF2_VECTOR), password: "hunter2-secret" }),
      (e: unknown) => {
        assert.ok(e instanceof KeystoreError);
        assert.doesNotMatch(String(e.message) + JSON.stringify(e.meta ?? {}), /hunter2/);
        return true;
      },
    );
  });

  it("round-trips a key through encryptKeystore", async () => {
    const ks = await encryptKeystore({ privateKey: KEY, password: "pw", scryptN: 1024 });
    assert.equal(ks.address, "008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    assert.equal(await decryptKeystore({ keystore: ks, password: "pw" }), KEY);
  });
});

describe("loadPosterAccount", () => {
  it("loads from a private key or from a keystore file, and says what is missing", async () => {
    const fromKey = await loadPosterAccount({ privateKey: KEY });
    assert.equal(fromKey.address.toLowerCase(), "0x008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    const dir = await mkdtemp(path.join(tmpdir(), "keystore-"));
    try {
      const file = path.join(dir, "poster.json");
      await writeFile(
        file,
        JSON.stringify(await encryptKeystore({ privateKey: KEY, password: "pw", scryptN: 1024 })),
      );
      const fromFile = await loadPosterAccount({ keystorePath: file, keystorePassword: "pw" });
      assert.equal(fromFile.address, fromKey.address);
      await assert.rejects(loadPosterAccount({ keystorePath: file }), PosterKeyError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await assert.rejects(loadPosterAccount({}), PosterKeyError);
    await assert.rejects(
      loadPosterAccount({ privateKey: "0x1234" }),
      (e: unknown) => e instanceof PosterKeyError && !e.message.includes("1234"),
    );
  });
});
