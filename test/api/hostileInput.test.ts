import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeCursor } from "../../src/api/encodeCursor.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";

/** A problem answer: status, problem+json, and the parameter it names (when it names one). */
async function assertProblem(
  t: ApiTestApp,
  url: string,
  status: number,
  parameter?: string,
): Promise<void> {
  const res = await t.app.inject({ method: "GET", url });
  assert.equal(res.statusCode, status, `${url}: ${res.body}`);
  assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, url);
  const problem = res.json();
  assert.equal(problem.status, status, url);
  if (parameter) assert.equal(problem.parameter, parameter, url);
}

describe("REST API: hostile input", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("refuses tampered cursors with a 400 naming `cursor`, never a 500", async () => {
    const tampered = [1e300, 2 ** 31, -1, 1.5, "7", null];
    const listings: [string, (n: unknown) => unknown][] = [
      ["/v1/reports", (n) => ({ before: n })],
      ["/v1/operators/op-b/scores", (n) => ({ before: n })],
      ["/v1/slashings", (n) => ({ k: [n, 1] })],
      ["/v1/slashings", (n) => ({ k: [150, n] })],
      ["/v1/operators", (n) => ({ e: 150, s: "score_desc", k: [n, "op-a"] })],
      ["/v1/operators", (n) => ({ e: n, s: "score_desc", k: [100, "op-a"] })],
    ];
    let checked = 0;
    for (const [path, cursor] of listings) {
      for (const n of tampered) {
        await assertProblem(t, `${path}?cursor=${encodeCursor(cursor(n))}`, 400, "cursor");
        checked++;
      }
    }
    assert.equal(checked, 36);
    // A genuine cursor still pages.
    const first = (await t.get("/v1/reports?limit=1")).body;
    assert.equal((await t.get(`/v1/reports?limit=1&cursor=${first.nextCursor}`)).status, 200);
  });

  it("refuses ids PostgreSQL cannot hold and path segments longer than any id, as problems", async () => {
    await assertProblem(t, "/v1/operators/op%00a", 400, "id");
    await assertProblem(t, "/v1/slashings?operator=op%00a", 400, "operator");
    await assertProblem(t, `/v1/operators/${"x".repeat(2000)}`, 400);
    // A long id within the documented 256 characters reaches the route (and is not found).
    await assertProblem(t, `/v1/operators/${"x".repeat(200)}`, 404);
    // The largest validator index the packed arrays address, and one past it.
    await assertProblem(t, "/v1/validators/268435455", 404);
    await assertProblem(t, "/v1/validators/2147483646", 400, "index");
  });
});

describe("REST API: trusted proxies decide the rate-limit identity", () => {
  /** Sends `count` requests from one socket address with the given X-Forwarded-For values; returns their statuses. */
  async function statuses(
    t: ApiTestApp,
    remoteAddress: string,
    forwarded: string[],
  ): Promise<number[]> {
    const out: number[] = [];
    for (const f of forwarded)
      out.push(
        (
          await t.app.inject({
            method: "GET",
            url: "/v1/pools",
            remoteAddress,
            headers: { "x-forwarded-for": f },
          })
        ).statusCode,
      );
    return out;
  }

  it("refuses API_TRUST_PROXY=true at start-up", async () => {
    const { loadConfig } = await import("../../src/config/index.js");
    assert.throws(() => loadConfig({ env: { API_TRUST_PROXY: "true" } }), /API_TRUST_PROXY/);
    assert.throws(
      () => loadConfig({ env: { API_TRUST_PROXY: "1,10.0.0.0/8" } }),
      /API_TRUST_PROXY/,
    );
    assert.throws(() => loadConfig({ env: { API_TRUST_PROXY: "10.0.0.0/33" } }), /API_TRUST_PROXY/);
  });

  it("with one trusted hop, a client cannot choose its identity by prefixing X-Forwarded-For", async () => {
    const t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "2", API_TRUST_PROXY: "1" } });
    try {
      // The proxy (socket peer) appends the real client 203.0.113.7; the client forged the rest.
      assert.deepEqual(
        await statuses(t, "10.1.1.1", [
          "1.1.1.1, 203.0.113.7",
          "2.2.2.2, 203.0.113.7",
          "3.3.3.3, 203.0.113.7",
        ]),
        [200, 200, 429],
      );
      // Another real client behind the same proxy has its own budget.
      assert.deepEqual(await statuses(t, "10.1.1.1", ["203.0.113.8"]), [200]);
    } finally {
      await t.close();
    }
  });

  it("with proxies by CIDR, X-Forwarded-For from any other peer is ignored", async () => {
    const t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "2", API_TRUST_PROXY: "10.0.0.0/8" } });
    try {
      assert.deepEqual(
        await statuses(t, "198.51.100.9", ["1.1.1.1", "2.2.2.2", "3.3.3.3"]),
        [200, 200, 429],
      );
      // Through a trusted proxy, the forwarded client is the identity.
      assert.deepEqual(
        await statuses(t, "10.2.3.4", ["203.0.113.9", "203.0.113.9", "203.0.113.10"]),
        [200, 200, 200],
      );
    } finally {
      await t.close();
    }
  });
});
