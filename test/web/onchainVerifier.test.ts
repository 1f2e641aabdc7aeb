import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Abi, Address, Hex } from "viem";
import { chromium, type Browser } from "playwright-core";
import { createClient, type Client } from "../../src/client/index.js";
import type { ReportArtifacts as DbReportArtifacts } from "../../src/db/index.js";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import {
  reusableVerifierAdapterAbi,
  reusableVerifierAdapterBytecode,
} from "../../src/chain/abi/reusableVerifierAdapter.js";
import { deployVerifier, type DeployVerifierReturnType } from "../../src/chain/deployVerifier.js";
import { feedId } from "../../src/report/feedId.js";
import { hashReport } from "../../src/report/hashReport.js";
import { instancesFromEzkl } from "../../src/report/instancesFromEzkl.js";
import { loadCircuitVerifier } from "../../src/chain/loadCircuitVerifier.js";
import { rawProof } from "../../src/report/rawProof.js";
import { reportFromArtifacts } from "../../src/report/reportFromArtifacts.js";
import { nativeEzklPython } from "../../src/proving/index.js";
import { compareOnchain } from "../../src/web/chain/compareOnchain.js";
import { compareVerifierCode } from "../../src/web/chain/compareVerifierCode.js";
import type { VerifierCode } from "../../src/web/verify/verdict.js";
import { verifyWithEvm } from "../../src/web/verify/verifyWithEvm.js";
import {
  deploy,
  hardhatAccount,
  nodeAvailable,
  publicClientFor,
  rpcUrl,
  walletClientFor,
  write,
} from "../contracts/support/evm.js";
import {
  applyChange,
  deployOracleFixture,
  FAR_FUTURE,
} from "../contracts/support/oracleFixture.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import {
  PROVEN_CIRCUIT_DIR,
  PROVEN_REPORT,
  seedProvenReport,
} from "../support/seedProvenReport.js";

const VERIFIER_CHECKS = ["Verifier adapter", "Verifier code", "Verifying key artifact"];

const skip =
  (!(await nodeAvailable()) && "no local EVM node") ||
  (!nativeEzklPython() && ".venv/bin/python is absent (bash scripts/ensure-python.sh)");

/**
 * The natively proven report posted to a RiskOracle that verifies proofs (the committed circuit's
 * generated verifier deployed on the local Hardhat node and pinned for the model: the reusable
 * verifier, its verifying-key artifact and the adapter RiskOracle pins): the page verifies the
 * proof with the bundled verifier in its own EVM, and its on-chain check finds the pinned
 * verifier's code to be the code it ran, and says which contract differs when one does.
 */
describe("report page: the verifier RiskOracle pins is the one the page ran", { skip }, () => {
  let t: ApiTestApp;
  let browser: Browser;
  let origin: string;
  let reportId: number;
  let client: Client;
  let deployed: DeployVerifierReturnType;
  let code: VerifierCode;

  before(async () => {
    t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "0" } });
    ({ reportId } = await seedProvenReport(t.db.pool, { prover: "native" }));
    origin = await t.app.listen({ host: "127.0.0.1", port: 0 });
    client = createClient({ baseUrl: origin });
    const artifacts = await client.reportArtifacts(reportId);

    const publicClient = publicClientFor();
    const walletClient = walletClientFor(hardhatAccount(8));
    const f = await deployOracleFixture({
      publicClient,
      walletClient,
      label: "web-verifier",
      attesterCount: 3,
      threshold: 2,
      feedCount: 0,
      developmentMode: false,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "registerFeeds", [
      PROVEN_REPORT.operatorIds.map((id) => feedId({ kind: "operator", id })),
    ]);
    const manifest = loadCircuitVerifier({ circuitDir: PROVEN_CIRCUIT_DIR }).manifest;
    const verifier = await deployVerifier({ publicClient, walletClient, manifest });
    deployed = verifier;
    const outScale = (JSON.parse(artifacts.settings) as { model_output_scales: number[] })
      .model_output_scales[0];
    await applyChange(publicClient, walletClient, f.oracle, "acceptModel", [
      artifacts.modelHash as Hex,
      verifier.address,
      `0x${artifacts.vkHash}`,
      `0x${artifacts.settingsHash}`,
      outScale,
      artifacts.srs.k,
    ]);
    const proofJson = Buffer.from(artifacts.proof, "base64");
    const instances = (JSON.parse(proofJson.toString()) as { instances: string[][] }).instances[0];
    // What the page runs, computed in Node the same way: the comparisons below start from it.
    const ran = await verifyWithEvm({
      manifest,
      proofJson,
      instances,
      vk: Buffer.from(artifacts.vk, "base64"),
      settings: new TextEncoder().encode(artifacts.settings),
    });
    assert.ok(ran.valid, ran.valid ? "" : `${ran.code}: ${ran.reason}`);
    code = ran.verifierCode;
    const report = reportFromArtifacts(artifacts as DbReportArtifacts, FAR_FUTURE);
    const receipt = await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      rawProof(proofJson),
      instancesFromEzkl(instances),
    ]);
    const onchainId = Number(
      await publicClient.readContract({
        address: f.oracle,
        abi: riskOracleAbi,
        functionName: "reportCount",
      }),
    );
    const digest = await hashReport({ report, chainId: f.chainId, oracle: f.oracle });
    await t.db.pool.query(
      `UPDATE report SET status = 'posted', chain_id = $2, oracle = $3, digest = $4, tx_hash = $5, block_number = $6, gas_used = $7, onchain_report_id = $8, posted_at = now() WHERE id = $1`,
      [
        reportId,
        f.chainId,
        f.oracle,
        digest,
        receipt.transactionHash,
        Number(receipt.blockNumber),
        Number(receipt.gasUsed),
        onchainId,
      ],
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it("verifies the native proof in the page, then finds the pinned verifier's code equal to it", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reports/${reportId}`);
    const verdict = page.locator("#verdict [data-verdict]");
    await verdict.waitFor({ timeout: 180_000 });
    assert.equal(
      await verdict.getAttribute("data-verdict"),
      "verified",
      (await page.locator("#verdict").textContent()) ?? "",
    );
    const codeHash = (await page.locator("#verifier-code-hash").textContent()) ?? "";
    assert.match(codeHash, /^0x[0-9a-f]{64}$/);

    await page.locator("#rpc-url").fill(rpcUrl);
    await page.getByRole("button", { name: "Compare with RiskOracle" }).click();
    const result = page.locator("#chain-result [data-onchain]");
    await result.waitFor({ timeout: 60_000 });
    const checks = await page.locator("#chain-result tbody tr").allTextContents();
    assert.equal(await result.getAttribute("data-onchain"), "equal", checks.join("\n"));
    // The committed circuit's verifier is the reusable kind: RiskOracle pins the adapter, which
    // binds the reusable verifier and the verifying-key artifact; all three are compared.
    const [reusable, vka, adapter] = deployed.contracts;
    const vkaHash = (await page.locator("#vka-code-hash").textContent()) ?? "";
    assert.match(vkaHash, /^0x[0-9a-f]{64}$/);
    // Addresses as the RPC returns them (checksummed) or as receipts do (lower case).
    const rows = (name: string) =>
      checks.filter((c) => c.startsWith(name)).map((c) => c.toLowerCase());
    assert.deepEqual(
      [
        rows("Verifier adapter").length,
        rows("Verifier code").length,
        rows("Verifying key artifact").length,
      ],
      [1, 1, 1],
      checks.join(" | "),
    );
    assert.match(
      rows("Verifier adapter")[0],
      new RegExp(
        `^verifier adapterpasskeccak256 of the code at ${adapter.toLowerCase()}: (0x[0-9a-f]{64}); of the adapter run in this browser, bound to ${reusable.toLowerCase()} and ${vka.toLowerCase()}: \\1$`,
      ),
    );
    assert.equal(
      rows("Verifier code")[0],
      `verifier codepasskeccak256 of the code at ${reusable.toLowerCase()}: ${codeHash}; of the verifier run in this browser: ${codeHash}`,
    );
    assert.equal(
      rows("Verifying key artifact")[0],
      `verifying key artifactpasskeccak256 of the code at ${vka.toLowerCase()}: ${vkaHash}; of the verifying-key artifact run in this browser: ${vkaHash}`,
    );
    await page.screenshot({ path: ".data/web/report-native-onchain.png", fullPage: true });
    await page.close();
  });

  it("says which contract differs when the page ran other code than RiskOracle's pinned verifier", async () => {
    const [report, artifacts] = await Promise.all([
      client.report(reportId),
      client.reportArtifacts(reportId),
    ]);
    assert.equal(code.kind, "reusable");
    if (code.kind !== "reusable") return;
    const failing = async (ran: VerifierCode) =>
      (await compareOnchain({ rpcUrl, report, artifacts, verifierCode: ran }))
        .filter((c) => VERIFIER_CHECKS.includes(c.name))
        .map((c) => `${c.name}: ${c.ok ? "pass" : "FAIL"}`);
    assert.deepEqual(await failing(code), [
      "Verifier adapter: pass",
      "Verifier code: pass",
      "Verifying key artifact: pass",
    ]);
    assert.deepEqual(await failing({ ...code, codeHash: `0x${"11".repeat(32)}` }), [
      "Verifier adapter: pass",
      "Verifier code: FAIL",
      "Verifying key artifact: pass",
    ]);
    assert.deepEqual(await failing({ ...code, vkaCodeHash: `0x${"22".repeat(32)}` }), [
      "Verifier adapter: pass",
      "Verifier code: pass",
      "Verifying key artifact: FAIL",
    ]);
    // An adapter whose code is not the page's (one byte of it changed).
    const template = `${code.adapter.template.slice(0, -2)}${code.adapter.template.endsWith("00") ? "01" : "00"}`;
    assert.deepEqual(
      await failing({ ...code, adapter: { ...code.adapter, template: template as Hex } }),
      ["Verifier adapter: FAIL", "Verifier code: pass", "Verifying key artifact: pass"],
    );
    // A plain verifier is compared with the pinned contract itself (here the adapter: it differs).
    assert.deepEqual(await failing({ kind: "plain", codeHash: code.codeHash }), [
      "Verifier code: FAIL",
    ]);
    // Without a verifier run in the page there is nothing to compare the code with: no such check.
    assert.deepEqual(
      (await compareOnchain({ rpcUrl, report, artifacts })).filter((c) =>
        VERIFIER_CHECKS.includes(c.name),
      ),
      [],
    );
  });

  it("finds a pinned verifier bound to another VKA or verifier, or not an adapter, to differ", async () => {
    const publicClient = publicClientFor();
    const walletClient = walletClientFor(hardhatAccount(8));
    const manifest = loadCircuitVerifier({ circuitDir: PROVEN_CIRCUIT_DIR }).manifest;
    const [reusable, vka] = deployed.contracts;
    const adapterAbi = reusableVerifierAdapterAbi as unknown as Abi;
    const vkaCode = manifest.vka?.bytecode ?? "0x";
    // Another circuit's verifying-key artifact: the same code with another vk digest (its first word).
    const digest = /5b507f([0-9a-f]{64})/.exec(vkaCode)?.[1] ?? "";
    assert.equal(digest.length, 64, "the VKA's constructor starts with PUSH32 vk_digest");
    const otherVka = await deploy(
      publicClient,
      walletClient,
      [],
      vkaCode.replace(digest, `${digest.slice(0, 63)}${digest.endsWith("0") ? "1" : "0"}`) as Hex,
    );
    const compare = async (pinned: Address, ran: VerifierCode = code) =>
      (await compareVerifierCode({ client: publicClient, pinned, code: ran })).map(
        (c) => `${c.name}: ${c.ok ? "pass" : "FAIL"}`,
      );
    const bind = (
      verifier: Address,
      key: Address,
      bytecode: Hex = reusableVerifierAdapterBytecode,
    ) => deploy(publicClient, walletClient, adapterAbi, bytecode, [verifier, key]);

    assert.deepEqual(await compare(await bind(reusable, otherVka)), [
      "Verifier adapter: pass",
      "Verifier code: pass",
      "Verifying key artifact: FAIL",
    ]);
    assert.deepEqual(await compare(await bind(otherVka, vka)), [
      "Verifier adapter: pass",
      "Verifier code: FAIL",
      "Verifying key artifact: pass",
    ]);
    // A contract that answers the getters with the right addresses but is not the adapter's code:
    // the adapter with one byte of its metadata hash (CBOR "ipfs" key, then 34 bytes) changed.
    const ipfs = "a264697066735822";
    const at = reusableVerifierAdapterBytecode.indexOf(ipfs) + ipfs.length + 10;
    assert.ok(at > ipfs.length + 10, "the adapter's creation code carries solc's metadata");
    const altered = `${reusableVerifierAdapterBytecode.slice(0, at)}${reusableVerifierAdapterBytecode[at] === "0" ? "1" : "0"}${reusableVerifierAdapterBytecode.slice(at + 1)}`;
    assert.deepEqual(await compare(await bind(reusable, vka, altered as Hex)), [
      "Verifier adapter: FAIL",
      "Verifier code: pass",
      "Verifying key artifact: pass",
    ]);
    // The reusable verifier pinned directly (no adapter): it answers no getters.
    const direct = await compareVerifierCode({ client: publicClient, pinned: reusable, code });
    assert.deepEqual(
      direct.map((c) => [c.name, c.ok]),
      [["Verifier adapter", false]],
    );
    assert.match(
      direct[0].detail,
      /does not answer ReusableVerifierAdapter's reusableVerifier\(\)/,
    );
    // A plain verifier is compared with the pinned contract's own code.
    assert.deepEqual(await compare(reusable, { kind: "plain", codeHash: code.codeHash }), [
      "Verifier code: pass",
    ]);
    assert.deepEqual(await compare(vka, { kind: "plain", codeHash: code.codeHash }), [
      "Verifier code: FAIL",
    ]);
  });
});
