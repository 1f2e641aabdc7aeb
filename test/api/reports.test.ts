import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { FEATURE_NAMES, FEATURE_VERSION } from "../../src/features/index.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { SEED, seedFeatures, sha256 } from "../support/seedApi.js";

describe("REST API: reports, artifacts and the model", () => {
  let t: ApiTestApp;
  const get = (url: string, headers?: Record<string, string>) => t.get(url, headers);

  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("lists reports newest first, filtered by status and paged", async () => {
    const all = (await get("/v1/reports")).body;
    assert.equal(all.total, 3);
    assert.deepEqual(
      all.items.map((r: { id: number; status: string }) => [r.id, r.status]),
      [
        [3, "pending"],
        [2, "proven"],
        [1, "posted"],
      ],
    );
    assert.deepEqual(all.items[2], {
      id: 1,
      epoch: 125,
      status: "posted",
      firstFeedIndex: 0,
      operatorCount: 3,
      modelHash: `0x${"11".repeat(31)}7d`,
      txHash: "0xtx",
      createdAt: "2026-01-01T00:00:00.000Z",
      provenAt: "2026-01-01T01:00:00.000Z",
      postedAt: "2026-01-01T02:00:00.000Z",
    });
    const posted = (await get("/v1/reports?status=posted")).body;
    assert.deepEqual([posted.total, posted.items.map((r: { id: number }) => r.id)], [1, [1]]);
    const first = (await get("/v1/reports?limit=2")).body;
    const second = (await get(`/v1/reports?limit=2&cursor=${first.nextCursor}`)).body;
    assert.deepEqual(
      [...first.items, ...second.items].map((r: { id: number }) => r.id),
      [3, 2, 1],
    );
    assert.equal(second.nextCursor, null);
    const bad = await get("/v1/reports?status=lost");
    assert.equal(bad.status, 400);
    assert.equal(
      bad.body.detail,
      'Query parameter "status" must be one of pending, proven, posted, failed',
    );
  });

  it("shows a posted report with its scores, attestations and transaction, not cached as immutable (its transaction may not be final)", async () => {
    const { status, body, headers } = await get("/v1/reports/1");
    assert.equal(status, 200);
    assert.equal(headers["cache-control"], "no-cache");
    assert.deepEqual(body.operators, [
      { id: "op-a", feedIndex: 0, scoreBps: SEED.scores["op-a"][125] },
      { id: "op-b", feedIndex: 1, scoreBps: SEED.scores["op-b"][125] },
      { id: "op-c", feedIndex: 2, scoreBps: SEED.scores["op-c"][125] },
    ]);
    assert.equal(body.inputCommitment, "0xcommit");
    assert.deepEqual(body.instances, ["aa".repeat(32), "bb".repeat(32), "cc".repeat(32)]);
    assert.equal(body.proofBytes, SEED.proofBytes.length);
    assert.equal(body.vkHash, sha256(SEED.vkBytes));
    assert.deepEqual(
      [
        body.srsK,
        body.proveMs,
        body.chainId,
        body.oracle,
        body.digest,
        body.txHash,
        body.blockNumber,
        body.gasUsed,
        body.onchainReportId,
      ],
      [
        17,
        42000,
        31337,
        "0x00000000000000000000000000000000000000aa",
        "0xdigest",
        "0xtx",
        12345678901,
        345678,
        7,
      ],
    );
    assert.deepEqual(body.attestations, [
      {
        attester: "0x00000000000000000000000000000000000000a1",
        signature: "0xsig1",
        refusal: null,
        createdAt: "2026-01-01T01:30:00.000Z",
      },
      {
        attester: "0x00000000000000000000000000000000000000a2",
        signature: null,
        refusal: "INPUT_MISMATCH: feature 3 differs",
        createdAt: "2026-01-01T01:31:00.000Z",
      },
    ]);
  });

  it("shows a pending report without proof fields, not cached as immutable; 404 for an unknown one", async () => {
    const { body, headers } = await get("/v1/reports/3");
    assert.equal(headers["cache-control"], "no-cache");
    assert.deepEqual(body.operators, [{ id: "op-d", feedIndex: 3, scoreBps: null }]);
    assert.deepEqual(
      [
        body.proofBytes,
        body.modelHash,
        body.instances,
        body.txHash,
        body.blockNumber,
        body.attestations,
      ],
      [null, null, null, null, null, []],
    );
    assert.equal(
      (await get("/v1/reports/2")).headers["cache-control"],
      "no-cache",
      "a proven report will still be posted",
    );
    const missing = await get("/v1/reports/99");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.detail, "No report with id 99");
  });

  it("serves a proven report's artifacts in the verify format, immutable with an ETag", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v1/reports/2/artifacts" });
    assert.equal(res.statusCode, 200);
    const ops = ["op-a", "op-b", "op-c"];
    assert.deepEqual(res.json(), {
      format: "beacon-risk-oracle/report-artifacts@1",
      reportId: 2,
      epoch: 150,
      firstFeedIndex: 0,
      operatorIds: ops,
      featureVersion: FEATURE_VERSION,
      featureNames: [...FEATURE_NAMES],
      features: ops.map((id) => seedFeatures(id, 150)),
      modelHash: `0x${"11".repeat(31)}96`,
      inputCommitment: "0xcommit",
      scoresBps: ops.map((id) => SEED.scores[id][150]),
      instances: ["aa".repeat(32), "bb".repeat(32), "cc".repeat(32)],
      proof: SEED.proofBytes.toString("base64"),
      vk: SEED.vkBytes.toString("base64"),
      vkHash: sha256(SEED.vkBytes),
      settings: SEED.settingsText,
      settingsHash: sha256(SEED.settingsText),
      srs: { k: 17 },
    });
    // The bytes survive the round trip exactly, including non-UTF-8 ones.
    assert.deepEqual(Buffer.from(res.json().vk, "base64"), SEED.vkBytes);
    assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
    const etag = res.headers.etag as string;
    const cached = await t.app.inject({
      method: "GET",
      url: "/v1/reports/2/artifacts",
      headers: { "if-none-match": etag },
    });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.headers.etag, etag);
    assert.equal(cached.body, "");
  });

  it("answers 409 for a report not proven yet and 404 for an unknown report", async () => {
    const pending = await t.app.inject({ method: "GET", url: "/v1/reports/3/artifacts" });
    assert.equal(pending.statusCode, 409);
    assert.match(pending.headers["content-type"] as string, /^application\/problem\+json/);
    assert.deepEqual(pending.json(), {
      type: "urn:beacon-risk-oracle:problem:report-not-proven",
      title: "Report not proven yet",
      status: 409,
      detail: "Report 3 is pending and has no proof yet",
      instance: "/v1/reports/3/artifacts",
    });
    assert.equal(pending.headers.etag, undefined);
    assert.equal((await get("/v1/reports/99/artifacts")).status, 404);
    assert.equal((await get("/v1/reports/abc/artifacts")).status, 400);
  });

  it("answers 500 (a problem without internals) when a proven report's verifying key is missing", async () => {
    await t.db.pool.query(
      `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, proof, vk_hash, settings_hash, srs_k)
                           VALUES (4, 175, 0, '{op-a}', 'proven', 'model-sha', $1, '[[0]]', '\\x00', 'missing', 'missing', 17)`,
      [FEATURE_VERSION],
    );
    const { status, body } = await get("/v1/reports/4/artifacts");
    assert.equal(status, 500);
    assert.equal(body.type, "urn:beacon-risk-oracle:problem:internal");
    assert.doesNotMatch(body.detail, /proving_artifact|missing/);
  });

  it("describes the model: card, file hash, feature set and the newest proven circuit hash", async () => {
    const { status, body } = await get("/v1/model");
    assert.equal(status, 200);
    const card = JSON.parse(readFileSync("models/operator-risk.card.json", "utf8"));
    assert.deepEqual(body.card, card);
    assert.equal(body.modelSha256, sha256(readFileSync("models/operator-risk.onnx")));
    assert.equal(body.cardMatchesModel, true);
    assert.equal(body.featureVersion, FEATURE_VERSION);
    assert.deepEqual(body.featureNames, [...FEATURE_NAMES]);
    assert.equal(body.circuitModelHash, `0x${"11".repeat(31)}96`);
    assert.equal(body.circuitModelHashReportId, 2);
  });
});
