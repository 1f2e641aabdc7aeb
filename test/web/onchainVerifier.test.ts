import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { chromium, type Browser } from "playwright-core";
import { createClient, type Client } from "../../src/client/index.js";
import type { ReportArtifacts as DbReportArtifacts } from "../../src/db/index.js";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import { deployVerifier } from "../../src/chain/deployVerifier.js";
import { feedId } from "../../src/report/feedId.js";
import { hashReport } from "../../src/report/hashReport.js";
import { instancesFromEzkl } from "../../src/report/instancesFromEzkl.js";
import { loadCircuitVerifier } from "../../src/chain/loadCircuitVerifier.js";
import { rawProof } from "../../src/report/rawProof.js";
import { reportFromArtifacts } from "../../src/report/reportFromArtifacts.js";
import { nativeEzklPython } from "../../src/proving/index.js";
import { compareOnchain } from "../../src/web/chain/compareOnchain.js";
import {
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

const skip =
  (!(await nodeAvailable()) && "no local EVM node") ||
  (!nativeEzklPython() && ".venv/bin/python is absent (bash scripts/ensure-python.sh)");

/**
 * The natively proven report posted to a RiskOracle that verifies proofs (the committed circuit's
 * generated verifier deployed on the local Hardhat node and pinned for the model): the page
 * verifies the proof with the bundled verifier in its own EVM, and its on-chain check finds the
 * pinned verifier's code to be the code it ran.
 */
describe("report page: the verifier RiskOracle pins is the one the page ran", { skip }, () => {
  let t: ApiTestApp;
  let browser: Browser;
  let origin: string;
  let reportId: number;
  let client: Client;

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
    const verifier = await deployVerifier({
      publicClient,
      walletClient,
      manifest: loadCircuitVerifier({ circuitDir: PROVEN_CIRCUIT_DIR }).manifest,
    });
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
    const code = checks.filter((c) => c.startsWith("Verifier code"));
    assert.equal(code.length, 1, checks.join(" | "));
    assert.match(
      code[0],
      new RegExp(
        `^Verifier codepasskeccak256 of the code at 0x[0-9a-fA-F]{40}: ${codeHash}; of the verifier run in this browser: ${codeHash}$`,
      ),
    );
    await page.screenshot({ path: ".data/web/report-native-onchain.png", fullPage: true });
    await page.close();
  });

  it("says the verifier differs when the page ran other code than RiskOracle's pinned verifier", async () => {
    const [report, artifacts] = await Promise.all([
      client.report(reportId),
      client.reportArtifacts(reportId),
    ]);
    const checks = await compareOnchain({
      rpcUrl,
      report,
      artifacts,
      verifierCodeHash: `0x${"11".repeat(32)}`,
    });
    const code = checks.filter((c) => c.name === "Verifier code");
    assert.equal(code.length, 1);
    assert.equal(code[0].ok, false);
    assert.match(
      code[0].detail,
      /: 0x[0-9a-f]{64}; of the verifier run in this browser: 0x(11){32}$/,
    );
    // Without a verifier run in the page there is nothing to compare the code with: no such check.
    assert.equal(
      (await compareOnchain({ rpcUrl, report, artifacts })).filter(
        (c) => c.name === "Verifier code",
      ).length,
      0,
    );
  });
});
