import { ClientError, type Client, type Report, type ReportArtifacts } from "../../client/index.js";
import { compareOnchain } from "../chain/compareOnchain.js";
import { facts, h, link, section, table, type Child } from "../dom.js";
import { formatBps, formatTime, shortHex } from "../format.js";
import { runVerification } from "../verify/runVerification.js";
import type { Check, Progress, Verdict } from "../verify/verdict.js";

/**
 * `/reports/:id`: downloads the report's artifacts and the public SRS, verifies the proof in a Web
 * Worker with progress, recomputes the input commitment, shows the pinned circuit, the proven
 * scores, the attestations and the transaction; compares the on-chain report through an RPC URL;
 * and verifies an artifacts file loaded from disk the same way.
 */
export async function renderReportPage(client: Client, id: number): Promise<HTMLElement[]> {
  const report = await client.report(id);
  const artifacts = report.proofBytes === null ? null : await client.reportArtifacts(id);
  const srs = artifacts ? await fetchSrs(artifacts.srs.k) : null;

  const verdictBox = h("div", { id: "verdict", role: "status", "aria-live": "polite" });
  const scoresBody = h(
    "tbody",
    {},
    report.operators.map((o) => scoreRow(o, null)),
  );
  const commitmentBox = h("div", { id: "commitment" }, h("p", {}, "Waiting for the verification…"));
  // Set once the page's own verification ran the circuit's verifier: the on-chain check compares code with it.
  const verifierCode: { current: Verdict["verifierCode"] } = { current: null };

  const page: HTMLElement[] = [
    h("h1", {}, `Report ${report.id}`),
    facts([
      ["Epoch", report.epoch],
      ["Status", report.status],
      [
        "Feeds",
        `${report.firstFeedIndex} to ${report.firstFeedIndex + report.operators.length - 1} (${report.operators.length} operators)`,
      ],
      ["Created", formatTime(report.createdAt)],
      ["Proven", formatTime(report.provenAt)],
      ["Posted", formatTime(report.postedAt)],
    ]),
    section(
      "Verdict",
      "verdict-title",
      artifacts
        ? verdictBox
        : h("p", {}, `Report ${report.id} is ${report.status}: there is no proof to verify yet.`),
      srs?.insecure
        ? h(
            "p",
            { class: "warning" },
            `The server's SRS is a development SRS (${srs.insecure}): a proof checked against it proves nothing outside development.`,
          )
        : null,
    ),
    section(
      "Pinned circuit",
      "circuit",
      facts([
        ["Model hash", h("code", {}, report.modelHash ?? "—")],
        ["Verifying key hash (sha256)", h("code", {}, report.vkHash ?? "—")],
        ["Settings hash (sha256)", h("code", {}, report.settingsHash ?? "—")],
        ["SRS", report.srsK === null ? "—" : `kzg${report.srsK}.srs`],
        ["Feature version", report.featureVersion],
        ["Model file (sha256)", h("code", {}, report.modelSha256)],
      ]),
      h(
        "p",
        {},
        "The verifying key and settings hashes are recomputed from the downloaded files below; the on-chain check compares them with what RiskOracle pins for the model.",
      ),
    ),
    section(
      "Input commitment",
      "commitment-title",
      facts([["Published", h("code", {}, report.inputCommitment ?? "—")]]),
      commitmentBox,
    ),
    section(
      "Proven scores",
      "scores",
      h(
        "table",
        {},
        h("caption", {}, "Claimed score and the score the proof's public output carries"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Operator", "Feed", "Claimed", "Proven by the proof"].map((t) =>
              h("th", { scope: "col" }, t),
            ),
          ),
        ),
        scoresBody,
      ),
    ),
    section(
      "Attestations",
      "attestations",
      report.attestations.length === 0
        ? h("p", {}, "No attester has answered yet.")
        : table(
            `${report.attestations.filter((a) => a.signature).length} of ${report.attestations.length} attesters signed digest ${report.digest ?? "—"}`,
            ["Attester", "Decision", "Signature or reason", "At"],
            report.attestations.map((a) => [
              h("code", {}, a.attester),
              a.signature ? "signed" : "refused",
              a.signature ? h("code", {}, shortHex(a.signature, 14)) : (a.refusal ?? "—"),
              formatTime(a.createdAt),
            ]),
          ),
    ),
    renderChainSection(report, artifacts, verifierCode),
    renderFileSection(report, srs?.bytes ?? null),
  ];

  if (artifacts && srs) {
    verify(artifacts, srs.bytes, verdictBox).then((verdict) => {
      if (!verdict) return;
      verifierCode.current = verdict.verifierCode;
      scoresBody.replaceChildren(
        ...report.operators.map((o, i) => scoreRow(o, verdict.provenScoresBps?.[i] ?? null)),
      );
      const match =
        verdict.recomputedCommitment !== null &&
        verdict.recomputedCommitment === report.inputCommitment?.toLowerCase();
      commitmentBox.replaceChildren(
        facts([
          [
            "Recomputed in this browser",
            h("code", {}, verdict.recomputedCommitment ?? "could not be computed"),
          ],
          [
            "Matches",
            h(
              "strong",
              { class: match ? "ok" : "bad" },
              match ? "yes: the published feature vectors are the proof's inputs" : "no",
            ),
          ],
        ]),
      );
    });
  }
  return page;
}

function scoreRow(o: Report["operators"][number], proven: number | null): HTMLTableRowElement {
  const mismatch = proven !== null && proven !== o.scoreBps;
  return h(
    "tr",
    {},
    h("td", {}, link(`/operators/${encodeURIComponent(o.id)}`, o.id)),
    h("td", {}, o.feedIndex),
    h("td", {}, formatBps(o.scoreBps)),
    h("td", { class: mismatch ? "bad" : "" }, proven === null ? "—" : formatBps(proven)),
  );
}

/** Runs the worker, drawing progress and then the verdict into `box`. */
async function verify(
  artifacts: ReportArtifacts,
  srs: ArrayBuffer,
  box: HTMLElement,
): Promise<Verdict | null> {
  const bar = h("progress", { max: 1, value: 0, "aria-label": "Verification progress" });
  const steps = h("ol", { class: "steps" });
  box.replaceChildren(h("p", {}, "Verifying the proof in your browser…"), bar, steps);
  const onProgress = ({ step, fraction }: Progress) => {
    bar.value = fraction;
    for (const li of steps.children) li.classList.add("done");
    if (step !== "Done") steps.append(h("li", {}, step));
  };
  try {
    const verdict = await runVerification({ artifacts, srs: srs.slice(0), onProgress });
    box.replaceChildren(renderVerdict(verdict));
    return verdict;
  } catch (error) {
    box.replaceChildren(
      h(
        "p",
        { class: "verdict bad", "data-verdict": "error" },
        `Verification could not run: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return null;
  }
}

function renderVerdict(verdict: Verdict): HTMLElement {
  // Unverifiable only when the proof check is the one failure: any other mismatch is a rejection.
  const unverifiable =
    verdict.unverifiable !== null &&
    verdict.checks.filter((c) => !c.ok).every((c) => c.name === "Proof");
  const [kind, text] = verdict.ok
    ? ["verified", "Verified: the proof holds and every published value matches it"]
    : unverifiable
      ? [
          "unverifiable",
          `Not verified in this browser: the proof was ${verdict.unverifiable}. Every other check passed.`,
        ]
      : ["rejected", `Rejected: ${verdict.reason}`];
  return h(
    "div",
    {},
    h(
      "p",
      {
        class: `verdict ${verdict.ok ? "ok" : unverifiable ? "warn" : "bad"}`,
        "data-verdict": kind,
      },
      text,
    ),
    h(
      "p",
      { "data-verifier": verdict.verifier ?? "none" },
      `Checked in ${verdict.seconds.toFixed(1)} s in this browser${verdict.verifier ? `; the proof by ${verdict.verifier}` : ""}.`,
    ),
    renderVerifierCode(verdict.verifierCode),
    renderChecks("Checks", verdict.checks),
  );
}

/** The code of the verifier the page ran, as the on-chain check compares it. */
function renderVerifierCode(code: Verdict["verifierCode"]): HTMLElement | null {
  if (!code) return null;
  if (code.kind === "plain")
    return h(
      "p",
      {},
      "The verifier's runtime code hashes (keccak256) to ",
      h("code", { id: "verifier-code-hash" }, code.codeHash),
      ": the on-chain check below compares it with the code of the verifier RiskOracle pins.",
    );
  return h(
    "p",
    {},
    "The reusable verifier's runtime code hashes (keccak256) to ",
    h("code", { id: "verifier-code-hash" }, code.codeHash),
    " and the circuit's verifying-key artifact's to ",
    h("code", { id: "vka-code-hash" }, code.vkaCodeHash),
    ": the on-chain check below compares them with the contracts bound by the adapter RiskOracle pins, and the adapter's code with the one run here.",
  );
}

function renderChecks(caption: string, checks: Check[]): HTMLTableElement {
  return table(
    caption,
    ["Check", "Result", "Detail"],
    checks.map((c) => [
      c.name,
      h("span", { class: c.ok ? "ok" : "bad" }, c.ok ? "pass" : "FAIL"),
      c.detail,
    ]),
  );
}

function renderChainSection(
  report: Report,
  artifacts: ReportArtifacts | null,
  verifierCode: { current: Verdict["verifierCode"] },
): HTMLElement {
  const configured =
    document.querySelector<HTMLMetaElement>('meta[name="oracle-rpc-url"]')?.content ?? "";
  const input = h("input", {
    type: "url",
    id: "rpc-url",
    name: "rpcUrl",
    value: configured,
    placeholder: "https://…",
    required: true,
  });
  const result = h("div", { id: "chain-result", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "rpc", "aria-label": "Compare with RiskOracle" },
    h("label", { for: "rpc-url" }, "JSON-RPC URL of the chain", input),
    h("button", { type: "submit" }, "Compare with RiskOracle"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!artifacts)
      return result.replaceChildren(h("p", {}, "There are no artifacts to compare yet."));
    result.replaceChildren(h("p", {}, "Reading RiskOracle…"));
    try {
      const checks = await compareOnchain({
        rpcUrl: input.value.trim(),
        report,
        artifacts,
        verifierCode: verifierCode.current,
      });
      const failed = checks.find((c) => !c.ok);
      result.replaceChildren(
        h(
          "p",
          {
            class: `verdict ${failed ? "bad" : "ok"}`,
            "data-onchain": failed ? "differs" : "equal",
          },
          failed
            ? `On-chain report differs: ${failed.name}: ${failed.detail}`
            : "The on-chain report equals the artifacts",
        ),
        renderChecks("On-chain checks", checks),
      );
    } catch (error) {
      result.replaceChildren(
        h(
          "p",
          { class: "verdict bad", "data-onchain": "error" },
          `Could not read RiskOracle: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
        ),
      );
    }
  });
  const onchain: [string, Child][] = [
    ["Chain id", report.chainId ?? "—"],
    ["RiskOracle", h("code", {}, report.oracle ?? "—")],
    ["Transaction", h("code", {}, report.txHash ?? "not posted")],
    ["Block", report.blockNumber ?? "—"],
    ["Gas used", report.gasUsed ?? "—"],
    ["On-chain report id", report.onchainReportId ?? "—"],
  ];
  return section("On chain", "chain", facts(onchain), form, result);
}

function renderFileSection(report: Report, srs: ArrayBuffer | null): HTMLElement {
  const input = h("input", {
    type: "file",
    id: "artifacts-file",
    accept: "application/json,.json",
  });
  const box = h("div", { id: "file-verdict", role: "status", "aria-live": "polite" });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    let artifacts: ReportArtifacts;
    try {
      artifacts = JSON.parse(await file.text()) as ReportArtifacts;
    } catch {
      return box.replaceChildren(
        renderVerdict({
          ok: false,
          reason: `${file.name} is not JSON`,
          checks: [{ name: "File", ok: false, detail: "not JSON" }],
          recomputedCommitment: null,
          provenScoresBps: null,
          modelHash: null,
          unverifiable: null,
          verifier: null,
          verifierCode: null,
          seconds: 0,
        }),
      );
    }
    if (artifacts?.reportId !== report.id) {
      return box.replaceChildren(
        renderVerdict({
          ok: false,
          reason: `Report: the file is for report ${artifacts?.reportId}, this page is report ${report.id}`,
          checks: [],
          recomputedCommitment: null,
          provenScoresBps: null,
          modelHash: null,
          unverifiable: null,
          verifier: null,
          verifierCode: null,
          seconds: 0,
        }),
      );
    }
    const srsBytes =
      srs ??
      (await fetchSrs(artifacts.srs.k)
        .then((s) => s.bytes)
        .catch(() => null));
    if (!srsBytes)
      return box.replaceChildren(
        h(
          "p",
          { class: "verdict bad", "data-verdict": "error" },
          `No SRS kzg${artifacts.srs.k}.srs to verify with`,
        ),
      );
    await verify(artifacts, srsBytes, box);
  });
  return section(
    "Verify an artifacts file from disk",
    "file",
    h(
      "p",
      {},
      "Load a saved copy of ",
      link(`/v1/reports/${report.id}/artifacts`, "this report's artifacts"),
      " (or one someone sent you): it is verified in this browser exactly like the published one, and anything altered is rejected with the reason.",
    ),
    h(
      "div",
      { class: "file" },
      h("label", { for: "artifacts-file" }, "Artifacts file (JSON)", input),
    ),
    box,
  );
}

/** The public SRS the proof is verified with, from this server; `insecure` when it is a development SRS. */
async function fetchSrs(k: number): Promise<{ bytes: ArrayBuffer; insecure: string | null }> {
  const response = await fetch(`/srs/kzg${k}.srs`);
  if (!response.ok)
    throw new ClientError(
      "CLIENT_HTTP_ERROR",
      `The SRS kzg${k}.srs is not available from this server (${response.status})`,
      { status: response.status },
    );
  return { bytes: await response.arrayBuffer(), insecure: response.headers.get("x-srs-insecure") };
}
