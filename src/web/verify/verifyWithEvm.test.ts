import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Hex } from "viem";
import { loadCircuitVerifier } from "../../chain/index.js";
import {
  loadCircuit,
  nativeEzklPython,
  ProofInvalidError,
  proveBatch,
  resolveSrsPath,
  verifyBatch,
  type ProveBatchReturnType,
} from "../../proving/index.js";
import { seedFeatures } from "../../../test/support/seedApi.js";
import {
  FEATURES_EPOCH,
  PROVEN_CIRCUIT_DIR,
  PROVEN_REPORT,
} from "../../../test/support/seedProvenReport.js";
import { verifyWithEvm, type EvmVerifierManifest } from "./verifyWithEvm.js";

/**
 * The report page's native-proof check: a proof made by the native ezkl prover for the committed
 * circuit, checked by the circuit's committed Solidity verifier in @ethereumjs/evm, and the same
 * proofs checked by native ezkl (the reference) for the verdicts to agree.
 */
const skipNative = {
  skip: nativeEzklPython() ? false : ".venv/bin/python is absent (bash scripts/ensure-python.sh)",
};

describe("verifyWithEvm: the circuit's verifier in an in-process EVM", skipNative, () => {
  let native: ProveBatchReturnType;
  let manifest: EvmVerifierManifest;
  let srsPath: string;
  let features: number[][];
  const settings = () => new TextEncoder().encode(native.settingsJson);

  before(async () => {
    const circuit = loadCircuit({ dir: PROVEN_CIRCUIT_DIR });
    features = PROVEN_REPORT.operatorIds.map((id) =>
      Array.from(
        { length: circuit.manifest.features },
        (_, i) => seedFeatures(id, FEATURES_EPOCH)[i] ?? 0,
      ),
    );
    srsPath = await resolveSrsPath({
      configured: "",
      k: circuit.manifest.logrows,
      nodeEnv: "test",
    });
    native = await proveBatch({
      compiled: circuit.compiled,
      features,
      srsPath,
      cacheDir: ".cache/proving",
      nodeEnv: "test",
      prover: "native",
    });
    manifest = loadCircuitVerifier({ circuitDir: PROVEN_CIRCUIT_DIR }).manifest;
  });

  it("an honest native proof is valid, as native ezkl says", async () => {
    const steps: string[] = [];
    const result = await verifyWithEvm({
      manifest,
      proofJson: native.proof,
      instances: native.instances,
      vk: native.vk,
      settings: settings(),
      onProgress: (s) => steps.push(s),
    });
    assert.equal(result.valid, true, result.valid ? "" : `${result.code}: ${result.reason}`);
    assert.ok(result.gasUsed > 300_000n && result.gasUsed < 2_000_000n, `gas ${result.gasUsed}`);
    // The committed circuit's verifier is the reusable kind: the page ran all three contracts.
    assert.equal(manifest.reusable, true);
    const code = result.verifierCode;
    assert.equal(code.kind, "reusable");
    if (code.kind !== "reusable") return;
    assert.match(code.codeHash, /^0x[0-9a-f]{64}$/);
    assert.match(code.vkaCodeHash, /^0x[0-9a-f]{64}$/);
    assert.notEqual(code.codeHash, code.vkaCodeHash);
    // The adapter reads each bound address in its getter and in verifyProof.
    assert.deepEqual(
      [code.adapter.reusableVerifierAt.length, code.adapter.verifyingKeyAt.length],
      [2, 2],
    );
    assert.deepEqual(steps, [
      "Deploying the circuit's reusable verifier, verifying-key artifact and adapter in the in-page EVM",
      "Running verifyProof on the proof and its public instances",
    ]);
    const reference = await verifyBatch({
      proof: native.proof,
      vk: native.vk,
      settingsJson: native.settingsJson,
      srsPath,
      features,
      nodeEnv: "test",
    });
    assert.equal(reference.prover, "native");
  });

  it("a tampered public instance is rejected, as native ezkl rejects it", async () => {
    const instances = [...native.instances];
    // A score's little-endian felt, its lowest byte changed: the proof no longer fits it.
    const score = instances[2];
    instances[2] = (score[0] === "0" ? "1" : "0") + score.slice(1);
    const result = await verifyWithEvm({
      manifest,
      proofJson: native.proof,
      instances,
      vk: native.vk,
      settings: settings(),
    });
    assert.equal(result.valid, false);
    assert.equal(result.valid ? null : result.code, "EVM_PROOF_REJECTED");
    assert.ok(!result.valid && result.gasUsed !== null && result.gasUsed > 0n);

    const tampered = JSON.parse(Buffer.from(native.proof).toString()) as { instances: string[][] };
    tampered.instances[0][2] = instances[2];
    await assert.rejects(
      verifyBatch({
        proof: Buffer.from(JSON.stringify(tampered)),
        vk: native.vk,
        settingsJson: native.settingsJson,
        srsPath,
        features,
        nodeEnv: "test",
      }),
      ProofInvalidError,
    );
  });

  it("the manifest of another circuit is refused before anything runs", async () => {
    // Another circuit's verifier: its own vk and settings hashes, and creation code that could only fail.
    const other: EvmVerifierManifest = {
      ...manifest,
      circuit: "operator-risk-b64-s10",
      vkSha256: "ab".repeat(32),
      settingsSha256: "cd".repeat(32),
      verifier: { bytecode: "0xfe" },
    };
    const result = await verifyWithEvm({
      manifest: other,
      proofJson: native.proof,
      instances: native.instances,
      vk: native.vk,
      settings: settings(),
    });
    assert.deepEqual(result.valid ? null : [result.code, result.gasUsed, result.verifierCode], [
      "EVM_VERIFIER_NOT_PINNED",
      null,
      null,
    ]);
    assert.match(
      result.valid ? "" : result.reason,
      new RegExp(`the proof's circuit has vk ${native.vkHash} and settings ${native.settingsHash}`),
    );

    // The pinned verifier with artifacts whose settings are not the circuit's: refused the same way.
    const wrongSettings = new TextEncoder().encode(
      native.settingsJson.replace('"logrows":14', '"logrows":15'),
    );
    assert.notEqual(wrongSettings.length, 0);
    assert.notEqual(new TextDecoder().decode(wrongSettings), native.settingsJson);
    const mismatch = await verifyWithEvm({
      manifest,
      proofJson: native.proof,
      instances: native.instances,
      vk: native.vk,
      settings: wrongSettings,
    });
    assert.equal(mismatch.valid ? null : mismatch.code, "EVM_VERIFIER_NOT_PINNED");
  });

  it("the verifying-key artifact decides: the reusable verifier with another VKA rejects the proof", async () => {
    const vka: Hex = manifest.vka?.bytecode ?? "0x";
    // The VKA's first word is the circuit's vk digest (Halo2VerifyingArtifact.sol), which the
    // reusable verifier absorbs into the transcript: another circuit's VKA has another digest.
    const digest = /5b507f([0-9a-f]{64})/.exec(vka)?.[1] ?? "";
    assert.equal(digest.length, 64, "the VKA's constructor starts with PUSH32 vk_digest");
    assert.equal(vka.split(digest).length, 2, "the vk digest is in the VKA's creation code once");
    const result = await verifyWithEvm({
      manifest: {
        ...manifest,
        vka: {
          bytecode: vka.replace(
            digest,
            `${digest.slice(0, 63)}${digest.endsWith("0") ? "1" : "0"}`,
          ) as Hex,
        },
      },
      proofJson: native.proof,
      instances: native.instances,
      vk: native.vk,
      settings: settings(),
    });
    assert.equal(result.valid ? null : result.code, "EVM_PROOF_REJECTED");
  });

  it("malformed proofs and reusable verifiers without their VKA get their own codes", async () => {
    const malformed = await verifyWithEvm({
      manifest,
      proofJson: new TextEncoder().encode("{}"),
      instances: native.instances,
      vk: native.vk,
      settings: settings(),
    });
    assert.equal(malformed.valid ? null : malformed.code, "EVM_PROOF_MALFORMED");
    const reusable = await verifyWithEvm({
      manifest: { ...manifest, vka: undefined },
      proofJson: native.proof,
      instances: native.instances,
      vk: native.vk,
      settings: settings(),
    });
    assert.equal(reusable.valid ? null : reusable.code, "EVM_VERIFIER_UNSUPPORTED");
  });
});
