import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { createClient, type Client, type ReportArtifacts } from "../../src/client/index.js";
import { FEATURE_COUNT } from "../../src/features/index.js";
import { GRADE_BANDS } from "../../src/scoring/riskGrade.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { SEED } from "../support/seedApi.js";
import { PROVEN_REPORT, seedProvenReport, type ProvenReport } from "../support/seedProvenReport.js";
import {
  checkContrast,
  COLLECT_TEXT_SAMPLES,
  describeFailure,
  failsAA,
  type TextSample,
} from "./contrast.js";

/** Where people look at the pages: one screenshot per page, kept after the run. */
const SHOTS = ".data/web";
const VERDICT_TIMEOUT_MS = 180_000;

/**
 * The web pages in Debian's Chromium (driven by playwright-core, no browser download) against the
 * real API over a seeded database holding a report proven for real by EZKL.
 */
describe("web pages in a real browser", () => {
  let t: ApiTestApp;
  let browser: Browser;
  let origin: string;
  let client: Client;
  let proven: ProvenReport;
  let native: ProvenReport;
  let artifacts: ReportArtifacts;
  let nativeArtifacts: ReportArtifacts;

  before(async () => {
    t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "0" } });
    proven = await seedProvenReport(t.db.pool);
    native = await seedProvenReport(t.db.pool, { prover: "native" });
    origin = await t.app.listen({ host: "127.0.0.1", port: 0 });
    client = createClient({ baseUrl: origin });
    artifacts = await client.reportArtifacts(proven.reportId);
    nativeArtifacts = await client.reportArtifacts(native.reportId);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto(origin + path);
    await page.locator("main h1").waitFor();
    return page;
  };
  /** WCAG 2.x AA: every rendered element with its own text reaches 4.5:1 (3:1 when large) on its effective background. */
  const assertContrast = async (page: Page, name: string) => {
    const results = (await page.evaluate<TextSample[]>(COLLECT_TEXT_SAMPLES)).map(checkContrast);
    console.log(
      `contrast ${name}: ${results.length} text elements checked, lowest ${Math.min(...results.map((r) => r.ratio)).toFixed(2)}:1`,
    );
    assert.ok(results.length > 20, `${name}: only ${results.length} text elements found to check`);
    const failures = results.filter(failsAA);
    assert.deepEqual(failures.map(describeFailure), [], `${name}: text below WCAG AA contrast`);
  };
  const cells = (page: Page, tableCaption: RegExp) =>
    page
      .locator("table", { has: page.locator("caption", { hasText: tableCaption }) })
      .locator("tbody tr");

  it("index: operators by risk, filters, pools, newest reports and ingestion status", async () => {
    const page = await open("/");
    assert.equal(await page.locator("h1").textContent(), "Node operator risk");
    // The score is an expected loss in bp of stake, at most 100.
    assert.match(
      (await page.locator("main").textContent()) ?? "",
      /A score is an operator's expected loss over the next 30 days, in basis points of its stake/,
    );
    assert.equal(await page.locator("input[name=minScore]").getAttribute("max"), "100");
    const rows = cells(page, /operators scored at epoch 150/);
    assert.equal(await rows.count(), 4);
    // Riskiest first: op-d (90), op-b (27), op-a (6), op-c (3).
    assert.deepEqual(await rows.locator("td:first-child").allTextContents(), [
      "Delta",
      "Beta",
      "Alpha",
      "Gamma",
    ]);
    assert.match((await rows.first().textContent()) ?? "", /(^|\D)90 bps/);
    const reports = cells(page, /^\d+ reports$/);
    assert.equal(await reports.count(), 5);
    assert.match((await reports.nth(0).textContent()) ?? "", /^Report 11200proven4/);
    assert.match((await reports.nth(1).textContent()) ?? "", /^Report 10175proven4/);
    assert.match(
      (await page.locator("#status").locator("..").textContent()) ?? "",
      /newest scoring run 150/,
    );
    await page.screenshot({ path: `${SHOTS}/index.png`, fullPage: true });
    await assertContrast(page, "index");

    await page.selectOption("select[name=grade]", "AAA");
    await Promise.all([page.waitForURL(/grade=AAA/), page.click("button[type=submit]")]);
    await page.locator("main h1").waitFor();
    assert.deepEqual(
      await cells(page, /operators scored/)
        .locator("td:first-child")
        .allTextContents(),
      ["Gamma"],
    );
    await page.close();
  });

  it("navigates from the keyboard: skip link, then Tab to an operator and Enter", async () => {
    const page = await open("/");
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate<string | undefined>("document.activeElement?.textContent"),
      "Skip to content",
    );
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate<string | undefined>("document.activeElement?.id"), "main");
    let focused = "";
    for (let i = 0; i < 30 && focused !== "Delta"; i++) {
      await page.keyboard.press("Tab");
      focused =
        (await page.evaluate<string | undefined>("document.activeElement?.textContent")) ?? "";
    }
    assert.equal(focused, "Delta", "Tab reaches the riskiest operator's link");
    await Promise.all([page.waitForURL(/\/operators\/op-d$/), page.keyboard.press("Enter")]);
    await page.locator("main h1").waitFor();
    assert.equal(await page.locator("h1").textContent(), "Operator Delta");
    await page.close();
  });

  it("operator page: score, grade meaning, SVG history, features, validators with duties, slashings, reports", async () => {
    const page = await open("/operators/op-a");
    assert.equal(await page.locator("h1").textContent(), "Operator Alpha");
    const score = await page.locator("#score").locator("..").textContent();
    assert.match(score ?? "", /(^|\D)6 bps \(0\.06 %\), grade A/);
    // Grade A's band, whatever the bands are: the grade is a band of the severe-loss probability.
    const a = GRADE_BANDS.findIndex((b) => b.grade === "A");
    assert.ok(a > 0, "grade A has a band above another");
    assert.ok(
      (score ?? "").includes(
        `Grade A means ${GRADE_BANDS[a - 1].belowBps / 100} % to under ${GRADE_BANDS[a].belowBps / 100} % probability of a severe loss event within 30 days`,
      ),
      score ?? "",
    );
    assert.equal(await page.locator("figure svg circle").count(), SEED.scoredEpochs.length);
    assert.match(
      (await page.locator("figure svg desc").textContent()) ?? "",
      /3 scores from epoch 100 to 150; lowest 4 bps, highest 6 bps, latest 6 bps/,
    );
    assert.match(
      (await page.locator("#drivers").locator("..").textContent()) ?? "",
      /stored without per-feature contributions/,
    );
    assert.equal(await cells(page, /^Feature vector/).count(), FEATURE_COUNT);
    assert.deepEqual(
      await cells(page, /^2 validators$/)
        .locator("td:first-child")
        .allTextContents(),
      ["0", "1"],
    );
    assert.ok(
      (await cells(page, /Recent duties/).count()) > 0,
      "recent duties of the validators are listed",
    );
    assert.ok((await cells(page, /slashings/).count()) > 0, "validator 1's slashing is listed");
    const reports = cells(page, /reports hold this operator/);
    assert.equal(await reports.count(), 4);
    assert.deepEqual(await reports.locator("td:first-child").allTextContents(), [
      "Report 11",
      "Report 10",
      "Report 2",
      "Report 1",
    ]);
    assert.match(
      (await reports.nth(1).textContent()) ?? "",
      new RegExp(`^Report 10175proven${proven.scoresBps[0]} bps`),
    );
    await page.screenshot({ path: `${SHOTS}/operator.png`, fullPage: true });
    await assertContrast(page, "operator");
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it("report page: the proof verifies in the browser, the commitment is recomputed, scores and circuit shown", async () => {
    const page = await open(`/reports/${proven.reportId}`);
    const verdict = page.locator("#verdict [data-verdict]");
    await verdict.waitFor({ timeout: VERDICT_TIMEOUT_MS });
    assert.equal(
      await verdict.getAttribute("data-verdict"),
      "verified",
      (await page.locator("#verdict").textContent()) ?? "",
    );
    const commitment = await page.locator("#commitment").textContent();
    assert.ok(
      commitment?.includes(`Recomputed in this browser${proven.inputCommitment}`),
      commitment ?? "",
    );
    assert.match(commitment ?? "", /Matchesyes/);
    const circuit = await page.locator("#circuit").locator("..").textContent();
    for (const value of [artifacts.modelHash, artifacts.vkHash, artifacts.settingsHash])
      assert.ok(circuit?.includes(value), `pinned circuit shows ${value}`);
    const scoreRows = page.locator("#scores").locator("..").locator("tbody tr");
    assert.equal(await scoreRows.count(), PROVEN_REPORT.operatorIds.length);
    for (const [i, id] of PROVEN_REPORT.operatorIds.entries()) {
      const text = await scoreRows.nth(i).textContent();
      assert.equal(
        text,
        `${id}${i}${proven.scoresBps[i]} bps (${(proven.scoresBps[i] / 100).toFixed(2)} %)${proven.scoresBps[i]} bps (${(proven.scoresBps[i] / 100).toFixed(2)} %)`,
      );
    }
    assert.match((await page.locator("#chain").locator("..").textContent()) ?? "", /not posted/);
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
    await assertContrast(page, "report");
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it("report page: a native proof is verified by the circuit's on-chain verifier, run in the page", async () => {
    const page = await open(`/reports/${native.reportId}`);
    const verdict = page.locator("#verdict [data-verdict]");
    await verdict.waitFor({ timeout: VERDICT_TIMEOUT_MS });
    assert.equal(
      await verdict.getAttribute("data-verdict"),
      "verified",
      (await page.locator("#verdict").textContent()) ?? "",
    );
    assert.match(
      (await page.locator("#verdict [data-verifier]").textContent()) ?? "",
      /the proof by the circuit's on-chain verifier, run locally \(Halo2VerifierReusable with the verifying-key artifact of operator-risk-b14-s10, behind ReusableVerifierAdapter, in @ethereumjs\/evm\)/,
    );
    const proofCheck = page.locator("#verdict tbody tr", {
      has: page.locator("td:first-child", { hasText: /^Proof$/ }),
    });
    assert.match(
      (await proofCheck.textContent()) ?? "",
      /^Proofpassthe circuit's verifier accepts the proof \([\d,]+ gas\)$/,
    );
    // The circuit's verifier is the reusable kind: the page shows the code hashes of the reusable
    // verifier and of the verifying-key artifact it ran, two different contracts.
    const codeHashes = await Promise.all(
      ["#verifier-code-hash", "#vka-code-hash"].map(
        async (id) => (await page.locator(id).textContent()) ?? "",
      ),
    );
    assert.match(codeHashes.join(" "), /^0x[0-9a-f]{64} 0x[0-9a-f]{64}$/);
    assert.notEqual(codeHashes[0], codeHashes[1]);
    assert.match((await page.locator("#commitment").textContent()) ?? "", /Matchesyes/);
    const steps = await page.locator("#verdict").textContent();
    await page.screenshot({ path: `${SHOTS}/report-native.png`, fullPage: true });
    await assertContrast(page, "report (native proof)");
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], steps ?? "");
    await page.close();
  });

  for (const [label, tamper] of [
    [
      "a byte of the proof",
      (proof: { proof: number[]; instances: string[][] }) => {
        proof.proof[200] ^= 1;
      },
    ],
    [
      "a proven score",
      (proof: { proof: number[]; instances: string[][] }) => {
        proof.instances[0][2] =
          (proof.instances[0][2][0] === "0" ? "1" : "0") + proof.instances[0][2].slice(1);
      },
    ],
  ] as const) {
    it(`rejects a native artifacts file from disk with ${label} altered: the circuit's verifier refuses it`, async () => {
      const tampered = structuredClone(nativeArtifacts);
      const proof = JSON.parse(Buffer.from(tampered.proof, "base64").toString()) as {
        proof: number[];
        instances: string[][];
      };
      tamper(proof);
      tampered.proof = Buffer.from(JSON.stringify(proof)).toString("base64");
      const file = `${SHOTS}/tampered-native-${label.replace(/\W+/g, "-")}.json`;
      await writeFile(file, JSON.stringify(tampered));
      const page = await open(`/reports/${native.reportId}`);
      await page.locator("#artifacts-file").setInputFiles(file);
      const verdict = page.locator("#file-verdict [data-verdict]");
      await verdict.waitFor({ timeout: VERDICT_TIMEOUT_MS });
      assert.equal(await verdict.getAttribute("data-verdict"), "rejected");
      assert.match(
        (await verdict.textContent()) ?? "",
        /^Rejected: Proof: EVM_PROOF_REJECTED: the verifier (reverted|returned false)/,
      );
      await page.close();
    });
  }

  for (const [label, tamper, reason] of [
    [
      "a claimed score",
      (a: ReportArtifacts) => {
        a.scoresBps[1] = (a.scoresBps[1] ?? 0) + 1;
      },
      /^Rejected: Scores: operator op-b: claimed \d+ bps, proven \d+ bps$/,
    ],
    [
      "a scored operator claimed as no data",
      (a: ReportArtifacts) => {
        a.scoresBps[1] = null;
      },
      /^Rejected: Scores: operator op-b: claimed no data, but its feature row is not zero$/,
    ],
    [
      "a feature value",
      (a: ReportArtifacts) => {
        a.features[2][3] += 0.5;
      },
      /^Rejected: Input commitment: the published feature vectors hash to 0x[0-9a-f]{64}, the proof commits to 0x[0-9a-f]{64}$/,
    ],
    [
      "the verifying key",
      (a: ReportArtifacts) => {
        a.vk = Buffer.from(
          Buffer.from(a.vk, "base64").map((b, i) => (i === 100 ? b ^ 1 : b)),
        ).toString("base64");
      },
      /^Rejected: Verifying key hash: the verifying key hashes to [0-9a-f]{64}, not the published [0-9a-f]{64}$/,
    ],
  ] as const) {
    it(`rejects an artifacts file from disk with ${label} altered, saying why`, async () => {
      const tampered = structuredClone(artifacts);
      tamper(tampered);
      const file = `${SHOTS}/tampered-${label.replace(/\W+/g, "-")}.json`;
      await writeFile(file, JSON.stringify(tampered));
      const page = await open(`/reports/${proven.reportId}`);
      await page.locator("#artifacts-file").setInputFiles(file);
      const verdict = page.locator("#file-verdict [data-verdict]");
      await verdict.waitFor({ timeout: VERDICT_TIMEOUT_MS });
      assert.equal(await verdict.getAttribute("data-verdict"), "rejected");
      assert.match((await verdict.textContent()) ?? "", reason);
      if (label === "a claimed score")
        await page
          .locator("#file")
          .locator("..")
          .screenshot({ path: `${SHOTS}/report-tampered.png` });
      await page.close();
    });
  }

  it("serves the pages with the API's security headers and hashed assets as immutable", async () => {
    const page = await t.app.inject({ url: "/reports/10" });
    assert.equal(page.statusCode, 200);
    const api = await t.app.inject({ url: "/v1/operators" });
    for (const name of [
      "content-security-policy",
      "x-content-type-options",
      "referrer-policy",
      "cross-origin-opener-policy",
      "cross-origin-embedder-policy",
    ]) {
      assert.ok(page.headers[name], `page has ${name}`);
      assert.equal(page.headers[name], api.headers[name], `${name} is the API's`);
    }
    assert.match(
      String(page.headers["content-security-policy"]),
      /script-src 'self' 'wasm-unsafe-eval'/,
    );
    assert.equal(page.headers["cache-control"], "no-cache");
    const html = await t.app.inject({ url: "/" });
    const assets = [...html.body.matchAll(/\/assets\/[\w.-]+/g)].map((m) => m[0]);
    assert.equal(assets.length, 2, "one script, one stylesheet");
    for (const asset of assets) {
      const res = await t.app.inject({ url: asset });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
    }
    assert.equal((await t.app.inject({ url: "/assets/nope.js" })).statusCode, 404);
  });
});
