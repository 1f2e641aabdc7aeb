import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { createClient, type ReportArtifacts } from "../../client/index.js";
import { loadCircuitVerifier } from "../../chain/index.js";
import { ezkl } from "../../proving/engine.js";
import { nativeEzklPython, resolveSrsPath } from "../../proving/index.js";
import { apiTestApp, type ApiTestApp } from "../../../test/support/apiTestApp.js";
import {
  PROVEN_CIRCUIT_DIR,
  seedProvenReport,
  type ProvenReport,
} from "../../../test/support/seedProvenReport.js";
import { verifyArtifacts, type VerifyEngine } from "./verifyArtifacts.js";

const skipNative = {
  skip: nativeEzklPython() ? false : ".venv/bin/python is absent (bash scripts/ensure-python.sh)",
};
const engine = ezkl as unknown as VerifyEngine;

/**
 * The report page's verification in Node (the worker runs the same function with the engine's web
 * build): which verifier checks which proof, and what the page says when it carries none.
 */
describe(
  "verifyArtifacts: the engine for engine proofs, the circuit's EVM verifier for native ones",
  skipNative,
  () => {
    let t: ApiTestApp;
    let native: ProvenReport;
    let nativeArtifacts: ReportArtifacts;
    let wasmArtifacts: ReportArtifacts;
    let srs: Uint8Array;
    const manifest = loadCircuitVerifier({ circuitDir: PROVEN_CIRCUIT_DIR }).manifest;

    before(async () => {
      t = await apiTestApp();
      native = await seedProvenReport(t.db.pool, { prover: "native" });
      const wasm = await seedProvenReport(t.db.pool);
      const origin = await t.app.listen({ host: "127.0.0.1", port: 0 });
      const client = createClient({ baseUrl: origin });
      [nativeArtifacts, wasmArtifacts] = await Promise.all([
        client.reportArtifacts(native.reportId),
        client.reportArtifacts(wasm.reportId),
      ]);
      srs = new Uint8Array(
        await readFile(
          await resolveSrsPath({ configured: "", k: nativeArtifacts.srs.k, nodeEnv: "test" }),
        ),
      );
    });
    after(async () => {
      await t?.close();
    });

    it("a native proof is verified by the bundled verifier of its circuit", async () => {
      const verdict = await verifyArtifacts({
        engine,
        artifacts: nativeArtifacts,
        srs,
        evmVerifiers: [manifest],
      });
      assert.equal(verdict.ok, true, verdict.reason ?? "");
      assert.equal(verdict.unverifiable, null);
      assert.match(
        verdict.verifier ?? "",
        /^the circuit's on-chain verifier, run locally \(Halo2VerifierReusable with the verifying-key artifact of operator-risk-b14-s10, behind ReusableVerifierAdapter, in @ethereumjs\/evm\)$/,
      );
      assert.equal(verdict.verifierCode?.kind, "reusable");
      assert.match(verdict.verifierCode?.codeHash ?? "", /^0x[0-9a-f]{64}$/);
      assert.deepEqual(verdict.provenScoresBps, nativeArtifacts.scoresBps);
      assert.equal(verdict.recomputedCommitment, native.inputCommitment);
    });

    it("without its circuit's verifier a native proof is unverifiable, never verified", async () => {
      const verdict = await verifyArtifacts({
        engine,
        artifacts: nativeArtifacts,
        srs,
        evmVerifiers: [{ ...manifest, vkSha256: "00".repeat(32) }],
      });
      assert.equal(verdict.ok, false);
      assert.deepEqual(
        verdict.checks.filter((c) => !c.ok).map((c) => c.name),
        ["Proof"],
      );
      assert.match(verdict.unverifiable ?? "", /circuit whose verifier this page does not carry/);
      assert.equal(verdict.verifier, null);
    });

    it("a circuit verifier the page cannot run leaves a native proof unverifiable, not rejected", async () => {
      // A reusable verifier whose manifest lacks the circuit's verifying-key artifact.
      const verdict = await verifyArtifacts({
        engine,
        artifacts: nativeArtifacts,
        srs,
        evmVerifiers: [{ ...manifest, vka: undefined }],
      });
      assert.deepEqual(
        verdict.checks.filter((c) => !c.ok).map((c) => c.name),
        ["Proof"],
      );
      assert.match(
        verdict.unverifiable ?? "",
        /could not run \(circuit operator-risk-b14-s10 has a reusable verifier but its manifest carries no verifying-key artifact\)/,
      );
    });

    it("an engine proof is still verified by the engine", async () => {
      const verdict = await verifyArtifacts({
        engine,
        artifacts: wasmArtifacts,
        srs,
        evmVerifiers: [manifest],
      });
      assert.equal(verdict.ok, true, verdict.reason ?? "");
      assert.equal(verdict.verifier, "@ezkljs/engine 21.0.0");
      assert.equal(verdict.verifierCode, null);
    });

    it("a native proof whose proven output was altered out of range is rejected with the reason", async () => {
      const tampered = structuredClone(nativeArtifacts);
      const proof = JSON.parse(Buffer.from(tampered.proof, "base64").toString()) as {
        instances: string[][];
      };
      // The first score's felt as 2^10 + 16 at scale 2^10: above 1, which no honest output is.
      proof.instances[0][2] = "1004" + "0".repeat(60);
      tampered.proof = Buffer.from(JSON.stringify(proof)).toString("base64");
      const verdict = await verifyArtifacts({
        engine,
        artifacts: tampered,
        srs,
        evmVerifiers: [manifest],
      });
      assert.equal(verdict.ok, false);
      assert.match(
        verdict.reason ?? "",
        /^Proof: EVM_PROOF_REJECTED: the verifier (reverted|returned false)/,
      );
      assert.ok(
        verdict.checks.some(
          (c) => c.name === "Proven values" && !c.ok && /outside \[0, 1\]/.test(c.detail),
        ),
        JSON.stringify(verdict.checks),
      );
    });
  },
);
