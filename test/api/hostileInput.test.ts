import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeCursor } from "../../src/api/encodeCursor.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";

/** A problem answer: status, problem+json, and the parameter it names (when it names one). */
async function assertProblem(t: ApiTestApp, url: string, status: number, parameter?: string): Promise<void> {
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
