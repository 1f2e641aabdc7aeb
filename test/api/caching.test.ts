import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createDataVersionWatch } from "../../src/api/createDataVersionWatch.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { waitFor } from "../support/waitFor.js";

const setHead = (t: ApiTestApp, finalizedEpoch: number) =>
  t.db.pool.query(
    `INSERT INTO sync_state (key, value, updated_at) VALUES ('finalized_head', $1, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify({ finalizedEpoch, seenAt: "2026-01-01T00:00:00Z" })],
  );

describe("REST API caching", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp({ env: { API_CACHE_REFRESH_MS: "400" } });
  });
  after(async () => {
    await t?.close();
  });

  it("the operator cache's data version moves when a report goes from proven to posted", async () => {
    let changes = 0;
    const watch = createDataVersionWatch({
      pool: t.db.pool,
      intervalMs: 50,
      onChange: () => changes++,
    });
    try {
      await waitFor(() => changes === 1);
      await t.db.pool.query(
        `UPDATE report SET status = 'posted', tx_hash = '0x01' WHERE id = 2 AND status = 'proven'`,
      );
      await waitFor(() => changes === 2);
      await t.db.pool.query(`UPDATE report SET status = 'failed' WHERE id = 2`);
      await waitFor(() => changes === 3);
    } finally {
      watch.close();
      await t.db.pool.query(`UPDATE report SET status = 'proven', tx_hash = NULL WHERE id = 2`);
    }
  });

  it("/ready: a flood of probes costs one reading per refresh interval, and a change shows after it", async () => {
    const ready = async () =>
      (await t.app.inject({ method: "GET", url: "/ready" })).json() as {
        finalizedEpoch: number | null;
      };
    await setHead(t, 151);
    await waitFor(async () => (await ready()).finalizedEpoch === 151); // the cached reading expired and was read again
    const query = t.db.pool.query.bind(t.db.pool);
    let queries = 0;
    t.db.pool.query = ((...args: Parameters<typeof query>) => (
      queries++, query(...args)
    )) as typeof t.db.pool.query;
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => t.app.inject({ method: "GET", url: "/ready" })),
      );
      assert.equal(answers.length, 200);
      assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [200]);
      // At most one reading (a few queries) within the interval; uncached, 200 probes would make hundreds.
      assert.ok(queries <= 8, `${queries} queries for 200 probes`);
      // Behind by 9 epochs: still served as ready until the interval passes, then not.
      await setHead(t, 160);
      assert.equal((await t.app.inject({ method: "GET", url: "/ready" })).statusCode, 200);
      await waitFor(
        async () => (await t.app.inject({ method: "GET", url: "/ready" })).statusCode === 503,
      );
      assert.ok(queries >= 1, "the change was read from the database");
    } finally {
      t.db.pool.query = query as typeof t.db.pool.query;
    }
  });

  it("is immutable only for answers that cannot change", async () => {
    const cacheControl = async (url: string) => {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      return res.headers["cache-control"];
    };
    // Proof artifacts and a past score history never change, and carry no names.
    assert.match(String(await cacheControl("/v1/reports/2/artifacts")), /immutable/);
    assert.match(String(await cacheControl("/v1/operators/op-b/scores?to=149")), /immutable/);
    const history = (await t.get("/v1/operators/op-b/scores?to=149")).body;
    assert.ok(!JSON.stringify(history).includes("Beta") && !("name" in history));
    // A posted report's transaction may still be reorganised away; a past epoch's listing carries today's names and pools.
    assert.equal(await cacheControl("/v1/reports/1"), "no-cache");
    assert.equal(await cacheControl("/v1/operators?epoch=125"), "no-cache");
    const before = (await t.get("/v1/operators?epoch=125&sort=id")).body.items[0];
    await t.db.pool.query(`UPDATE operator SET name = 'Renamed', pool_id = NULL WHERE id = $1`, [
      before.id,
    ]);
    const afterRename = (await t.get("/v1/operators?epoch=125&sort=id")).body.items[0];
    assert.equal(afterRename.name, "Renamed");
    assert.notEqual(
      afterRename.name,
      before.name,
      "the past epoch's answer changed: it must not be cached as immutable",
    );
  });
});
