import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";

const setHead = (t: ApiTestApp, finalizedEpoch: number) =>
  t.db.pool.query(
    `INSERT INTO sync_state (key, value, updated_at) VALUES ('finalized_head', $1, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify({ finalizedEpoch, seenAt: "2026-01-01T00:00:00Z" })],
  );

describe("REST API: health, readiness, metrics, docs", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("is live without touching the database", async () => {
    const res = await t.app.inject({ method: "GET", url: "/health" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: "ok" });
  });

  it("is not ready until ingestion reaches the finalized head, then ready", async () => {
    // No finalized head recorded yet.
    let res = await t.app.inject({ method: "GET", url: "/ready" });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), {
      ready: false,
      lag: null,
      missingEpochs: 0,
      finalizedEpoch: null,
      ingestedEpoch: 150,
      latestScoredEpoch: 150,
    });
    // Finalized 160 → ingestable up to 158; stored up to 150: 8 behind.
    await setHead(t, 160);
    res = await t.app.inject({ method: "GET", url: "/ready" });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), {
      ready: false,
      lag: 8,
      missingEpochs: 0,
      finalizedEpoch: 160,
      ingestedEpoch: 150,
      latestScoredEpoch: 150,
    });
    // One epoch in flight is still ready.
    await setHead(t, 153);
    res = await t.app.inject({ method: "GET", url: "/ready" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      ready: true,
      lag: 1,
      missingEpochs: 0,
      finalizedEpoch: 153,
      ingestedEpoch: 150,
      latestScoredEpoch: 150,
    });
  });

  it("records request latency by route template, never by raw URL", async () => {
    await t.app.inject({ method: "GET", url: "/v1/operators/op-a" });
    await t.app.inject({ method: "GET", url: "/v1/operators/op-zzz" });
    await t.app.inject({ method: "GET", url: "/no/such/route" });
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /^text\/plain/);
    assert.match(
      res.body,
      /oracle_api_request_seconds_count\{route="\/v1\/operators\/:id",method="GET",status_code="200"\} 1/,
    );
    assert.match(
      res.body,
      /oracle_api_request_seconds_count\{route="\/v1\/operators\/:id",method="GET",status_code="404"\} 1/,
    );
    assert.match(
      res.body,
      /oracle_api_request_seconds_count\{route="unmatched",method="GET",status_code="404"\} 1/,
    );
    assert.doesNotMatch(res.body, /op-a|op-zzz/);
  });

  it("answers unknown routes with a 404 problem", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v2/whatever?x=1" });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
    assert.deepEqual(res.json(), {
      type: "urn:beacon-risk-oracle:problem:not-found",
      title: "Not found",
      status: 404,
      detail: "No route GET /v2/whatever; see /docs",
      instance: "/v2/whatever?x=1",
    });
  });

  it("publishes an OpenAPI 3.1 document built from the route schemas, and a page linking it", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    assert.equal(spec.openapi, "3.1.0");
    for (const path of [
      "/v1/operators",
      "/v1/operators/{id}",
      "/v1/operators/{id}/scores",
      "/v1/pools",
      "/v1/pools/{id}",
      "/v1/validators/{index}",
      "/v1/slashings",
      "/v1/epochs/{epoch}",
      "/v1/reports",
      "/v1/reports/{id}",
      "/v1/reports/{id}/artifacts",
      "/v1/model",
      "/health",
      "/ready",
    ]) {
      assert.ok(spec.paths[path]?.get, path);
    }
    const list = spec.paths["/v1/operators"].get;
    const limit = list.parameters.find((p: { name: string }) => p.name === "limit");
    assert.deepEqual(
      [limit.in, limit.schema.minimum, limit.schema.maximum, limit.schema.default],
      ["query", 1, 500, 50],
    );
    assert.ok(list.responses["200"].content["application/json"].schema.properties.nextCursor);
    assert.ok(spec.paths["/v1/reports/{id}/artifacts"].get.responses["409"]);
    const page = await t.app.inject({ method: "GET", url: "/docs" });
    assert.match(page.headers["content-type"] as string, /^text\/html/);
    assert.match(page.body, /href="\/docs\/json"/);
    assert.match(page.body, /\/v1\/operators\/\{id\}/);
  });
});

describe("REST API: rate limiting and CORS", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp({
      seed: false,
      env: {
        API_RATE_LIMIT_MAX: "3",
        API_RATE_LIMIT_WINDOW_MS: "60000",
        API_CORS_ORIGINS: "https://risk.example, https://cdp.example",
      },
    });
  });
  after(async () => {
    await t?.close();
  });

  it("refuses requests over the limit with a 429 problem, counts them, and exempts health checks", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await t.app.inject({ method: "GET", url: "/v1/pools" })).statusCode);
    assert.deepEqual(statuses, [200, 200, 200]);
    const refused = await t.app.inject({ method: "GET", url: "/v1/operators" });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.headers["content-type"] as string, /^application\/problem\+json/);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
    const problem = refused.json();
    assert.equal(problem.type, "urn:beacon-risk-oracle:problem:rate-limited");
    assert.equal(problem.status, 429);
    assert.match(problem.detail, /More than 3 requests in 60 s/);
    await t.app.inject({ method: "GET", url: "/v1/operators" });
    assert.equal((await t.metrics.api.rateLimited.get()).values[0].value, 2);
    for (const url of ["/health", "/ready", "/metrics"])
      assert.notEqual((await t.app.inject({ method: "GET", url })).statusCode, 429, url);
    // Another client address has its own budget.
    assert.equal(
      (await t.app.inject({ method: "GET", url: "/v1/pools", remoteAddress: "10.0.0.9" }))
        .statusCode,
      200,
    );
  });

  it("allows the configured origins only", async () => {
    const allowed = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { origin: "https://cdp.example" },
    });
    assert.equal(allowed.headers["access-control-allow-origin"], "https://cdp.example");
    const other = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { origin: "https://evil.example" },
    });
    assert.equal(other.headers["access-control-allow-origin"], undefined);
  });

  it("serves an empty database without errors", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/v1/operators",
      remoteAddress: "10.0.0.10",
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { epoch: null, total: 0, limit: 50, nextCursor: null, items: [] });
  });
});

describe("REST API: defaults", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp({ seed: false });
  });
  after(async () => {
    await t?.close();
  });

  it("sends no CORS headers when API_CORS_ORIGINS is empty", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { origin: "https://cdp.example" },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["access-control-allow-origin"], undefined);
  });
});
