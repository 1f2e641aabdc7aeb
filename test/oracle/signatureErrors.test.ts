/**
 * The poster's side of attestation fails with coded errors: an attester that gives no signature
 * (refusal, error answer, unreachable) and a signature the poster does not count.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { collectSignatures, httpAttesterSource } from "../../src/attester/index.js";
import type { ReportArtifacts } from "../../src/db/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import {
  buildReport,
  InsufficientSignaturesError,
  NoSignatureError,
  signReport,
} from "../../src/report/index.js";

const target = { chainId: 31337, oracle: "0x00000000000000000000000000000000000000aa" as const };
const report = buildReport({
  validUntil: 2n ** 40n,
  epoch: 64,
  firstFeedIndex: 0,
  scoresBps: [1, 2, 3],
  modelHash: 1n,
  inputCommitment: 2n,
});
const digest = "0x00" as const;

test("an attester's refusal is a NoSignatureError with its url and refusal; not retryable unless the epoch is not ingested yet", async () => {
  const answers = [
    { status: 422, body: { refusal: "PROOF_INVALID", title: "Refused" } },
    { status: 422, body: { refusal: "EPOCH_NOT_INGESTED", title: "Refused" } },
  ];
  const server = createServer((req, res) => {
    req.resume();
    const { status, body } = answers.shift()!;
    res.writeHead(status, { "content-type": "application/problem+json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const source = httpAttesterSource({ url, artifacts: {} as ReportArtifacts, timeoutMs: 5_000 });
    const refused = await source({ report, ...target, digest }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof NoSignatureError, String(refused));
    assert.equal(refused.code, "ORACLE_NO_SIGNATURE");
    assert.deepEqual(refused.meta, { url, refusal: "PROOF_INVALID" });
    assert.equal(refused.retryable, false);
    assert.equal(refused.message, `attester ${url}: refused (PROOF_INVALID) 422 Refused`);
    const later = await source({ report, ...target, digest }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(
      later instanceof NoSignatureError && later.retryable,
      "EPOCH_NOT_INGESTED may pass later",
    );
    assert.equal(answers.length, 0, "both answers were asked for");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("an unreachable attester is a retryable NoSignatureError", async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((r) => server.close(r)); // nothing listens there now
  const source = httpAttesterSource({ url, artifacts: {} as ReportArtifacts, timeoutMs: 5_000 });
  await assert.rejects(
    source({ report, ...target, digest }),
    (e: unknown) => e instanceof NoSignatureError && e.retryable && e.meta?.refusal === undefined,
  );
});

test("collectSignatures counts a stranger's and a repeated signature as rejected, not failed, and names them", async () => {
  const [attester, stranger] = [
    privateKeyToAccount(generatePrivateKey()),
    privateKeyToAccount(generatePrivateKey()),
  ];
  const metrics = createMetrics().oracle;
  const own = () => signReport({ account: attester, report, ...target });
  const rejection = await collectSignatures({
    report,
    ...target,
    attesters: [attester.address],
    threshold: 2,
    metrics,
    sources: [own, () => signReport({ account: stranger, report, ...target }), own],
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(rejection instanceof InsufficientSignaturesError, String(rejection));
  const outcomes = new Map(
    (await metrics.signatures.get()).values.map((v) => [v.labels.outcome, v.value]),
  );
  assert.equal(outcomes.get("valid"), 1);
  assert.equal(outcomes.get("unknown_signer"), 1);
  assert.equal(outcomes.get("duplicate"), 1);
  assert.equal(outcomes.get("failed") ?? 0, 0);
  assert.match(
    rejection.details ?? "",
    new RegExp(`source 1: signer ${stranger.address} is not an attester`),
  );
  assert.match(
    rejection.details ?? "",
    new RegExp(`source [02]: duplicate signer ${attester.address}`),
  );
});
