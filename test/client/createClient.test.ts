import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { ClientError, createClient, type Client } from "../../src/client/index.js";
import { renderClientTypes } from "../../scripts/renderClientTypes.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { SEED } from "../support/seedApi.js";

describe("typed API client (src/client)", () => {
  let t: ApiTestApp;
  let client: Client;
  before(async () => {
    t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "0" } });
    client = createClient({ baseUrl: await t.app.listen({ host: "127.0.0.1", port: 0 }) });
  });
  after(() => t.close());

  it("is generated from the API's current OpenAPI document (run `npm run client:generate` after changing a route)", async () => {
    assert.equal(await readFile("src/client/openapi.ts", "utf8"), await renderClientTypes());
  });

  it("reads operators, an operator, its validators and reports, and a report over HTTP", async () => {
    const page = await client.operators({ sort: "score_desc" });
    assert.equal(page.total, 4);
    assert.deepEqual(
      page.items.map((o) => [o.id, o.scoreBps]),
      [
        ["op-d", 90],
        ["op-b", 27],
        ["op-a", 6],
        ["op-c", 3],
      ],
    );
    const alpha = await client.operator("op-a");
    assert.equal(alpha.score?.scoreBps, SEED.scores["op-a"][150]);
    const validators = await client.get("/v1/operators/{id}/validators", {
      path: { id: "op-a" },
      query: { limit: 1 },
    });
    assert.deepEqual(
      [validators.total, validators.items.map((v) => [v.index, v.slashed])],
      [2, [[0, false]]],
    );
    const next = await client.get("/v1/operators/{id}/validators", {
      path: { id: "op-a" },
      query: { limit: 1, cursor: validators.nextCursor! },
    });
    assert.deepEqual(
      [next.items.map((v) => [v.index, v.slashed]), next.nextCursor],
      [[[1, true]], null],
    );
    const reports = await client.get("/v1/operators/{id}/reports", { path: { id: "op-c" } });
    assert.deepEqual(
      reports.items.map((r) => [r.id, r.status, r.feedIndex, r.scoreBps]),
      [
        [2, "proven", 2, SEED.scores["op-c"][150]],
        [1, "posted", 2, SEED.scores["op-c"][125]],
      ],
    );
    const opD = await client.get("/v1/operators/{id}/reports", { path: { id: "op-d" } });
    assert.deepEqual(
      opD.items.map((r) => [r.id, r.feedIndex, r.scoreBps]),
      [[3, 3, null]],
    );
    const report = await client.report(1);
    assert.deepEqual(
      [report.status, report.txHash, report.attestations.length],
      ["posted", "0xtx", 2],
    );
  });

  it("turns problem details into coded ClientErrors, retryable only when retrying can help", async () => {
    await assert.rejects(client.operator("nobody"), (e: unknown) => {
      assert.ok(e instanceof ClientError);
      assert.deepEqual(
        [e.code, e.status, e.retryable, e.problem?.type],
        ["CLIENT_HTTP_ERROR", 404, false, "urn:beacon-risk-oracle:problem:not-found"],
      );
      return true;
    });
    await assert.rejects(
      client.get("/v1/operators/{id}/validators", {
        path: { id: "op-a" },
        query: { cursor: "bm9wZQ" },
      }),
      (e: unknown) =>
        e instanceof ClientError && e.status === 400 && e.problem?.parameter === "cursor",
    );
    const offline = createClient({ baseUrl: "http://127.0.0.1:1", timeoutMs: 2_000 });
    await assert.rejects(
      offline.pools(),
      (e: unknown) => e instanceof ClientError && e.code === "CLIENT_NETWORK_ERROR" && e.retryable,
    );
  });

  it("answers readiness on 503 too: not ready is an answer", async () => {
    const ready = await client.ready();
    assert.equal(typeof ready.ready, "boolean");
    assert.equal(ready.ingestedEpoch, 150);
  });
});
