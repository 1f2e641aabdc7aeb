import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { zeroAddress, type Hex } from "viem";
import { chromium, type Browser } from "playwright-core";
import { createClient } from "../../src/client/index.js";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import { feedId } from "../../src/report/feedId.js";
import { hashReport } from "../../src/report/hashReport.js";
import { reportFromArtifacts } from "../../src/report/reportFromArtifacts.js";
import type { ReportArtifacts as DbReportArtifacts } from "../../src/db/index.js";
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
import { PROVEN_REPORT, seedProvenReport } from "../support/seedProvenReport.js";

const skip = !(await nodeAvailable()) && "no local EVM node";

/**
 * The report page's on-chain check in Chromium: report 10 posted for real to a RiskOracle on the
 * local Hardhat node (development mode: signatures, no verifier), then compared through the RPC
 * URL the user types in; a report whose stored on-chain id points at another report differs.
 */
describe("report page: the on-chain report against the artifacts", { skip }, () => {
  let t: ApiTestApp;
  let browser: Browser;
  let origin: string;

  before(async () => {
    t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "0" } });
    const { reportId } = await seedProvenReport(t.db.pool);
    origin = await t.app.listen({ host: "127.0.0.1", port: 0 });
    const artifacts = await createClient({ baseUrl: origin }).reportArtifacts(reportId);

    const publicClient = publicClientFor();
    const walletClient = walletClientFor(hardhatAccount(9));
    const f = await deployOracleFixture({
      publicClient,
      walletClient,
      label: "web-onchain",
      attesterCount: 3,
      threshold: 2,
      feedCount: 0,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "registerFeeds", [
      PROVEN_REPORT.operatorIds.map((id) => feedId({ kind: "operator", id })),
    ]);
    // Pinned as cli deploy pins a circuit: vk and settings sha256, output scale, logrows (no verifier in development mode).
    const outScale = (JSON.parse(artifacts.settings) as { model_output_scales: number[] })
      .model_output_scales[0];
    await applyChange(publicClient, walletClient, f.oracle, "acceptModel", [
      artifacts.modelHash as Hex,
      zeroAddress,
      `0x${artifacts.vkHash}`,
      `0x${artifacts.settingsHash}`,
      outScale,
      artifacts.srs.k,
    ]);
    const report = reportFromArtifacts(artifacts as DbReportArtifacts, FAR_FUTURE);
    const receipt = await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      "0x",
      [],
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
    // Report 11 claims to be on-chain report 10's neighbour: the same oracle, an id that holds report 10.
    await t.db.pool.query(
      `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, scores_bps, model_hash, input_commitment,
                           instances, proof, vk_hash, settings_hash, srs_k, prove_ms, chain_id, oracle, tx_hash, onchain_report_id, created_at, proven_at, posted_at)
       SELECT 12, 300, first_feed_index, operator_ids, 'posted', model_sha256, feature_version, features, scores_bps, model_hash, input_commitment,
              instances, proof, vk_hash, settings_hash, srs_k, prove_ms, chain_id, oracle, tx_hash, onchain_report_id, created_at, proven_at, posted_at FROM report WHERE id = $1`,
      [reportId],
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

  const compare = async (id: number) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/reports/${id}`);
    await page.locator("#rpc-url").fill(rpcUrl);
    await page.getByRole("button", { name: "Compare with RiskOracle" }).click();
    const result = page.locator("#chain-result [data-onchain]");
    await result.waitFor({ timeout: 60_000 });
    const outcome = {
      kind: await result.getAttribute("data-onchain"),
      text: (await result.textContent()) ?? "",
      checks: await page.locator("#chain-result tbody tr").allTextContents(),
    };
    return { page, ...outcome };
  };

  it("reads RiskOracle through a typed-in RPC URL and finds the posted report equal to the artifacts", async () => {
    const { page, kind, text, checks } = await compare(PROVEN_REPORT.id);
    assert.equal(kind, "equal", `${text}\n${checks.join("\n")}`);
    for (const name of [
      "Chain",
      "Transaction",
      "Epoch",
      "Feed count",
      "Model hash",
      "Input commitment",
      "Proof hash",
      "Scores",
      "Model accepted",
      "Pinned verifying key",
      "Pinned settings",
      "Pinned SRS size",
    ]) {
      assert.ok(
        checks.some((c) => c.startsWith(`${name}pass`)),
        `${name} passes: ${checks.join(" | ")}`,
      );
    }
    assert.ok(checks.some((c) => /^Scores.*4 on-chain scores equal the artifacts/.test(c)));
    await page.screenshot({ path: ".data/web/report-onchain.png", fullPage: true });
    await page.close();
  });

  it("says the on-chain report differs when the database's claim does not match the chain", async () => {
    const { page, kind, text } = await compare(12);
    assert.equal(kind, "differs");
    assert.match(text, /^On-chain report differs: Epoch: on-chain 175, artifacts 300$/);
    await page.close();
  });
});
