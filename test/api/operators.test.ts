import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FEATURE_NAMES, FEATURE_VERSION } from "../../src/features/index.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { SEED, seedFeatures } from "../support/seedApi.js";
import { nextNamedQuery } from "../support/nextNamedQuery.js";

describe("REST API: operators and pools", () => {
  let t: ApiTestApp;
  const get = (url: string, headers?: Record<string, string>) => t.get(url, headers);

  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("lists the operators of the latest scoring run, riskiest first, with the total", async () => {
    const { status, body, headers } = await get("/v1/operators");
    assert.equal(status, 200);
    assert.equal(body.epoch, 150);
    assert.equal(body.total, 4);
    assert.equal(body.limit, 50);
    assert.equal(body.nextCursor, null);
    assert.deepEqual(
      body.items.map((o: { id: string }) => o.id),
      ["op-d", "op-b", "op-a", "op-c"],
    );
    assert.deepEqual(body.items[2], {
      id: "op-a",
      name: "Alpha",
      poolId: "lido",
      scoreBps: SEED.scores["op-a"][150],
      grade: SEED.grades["op-a"][150],
      probability: SEED.probabilities["op-a"][150],
      validators: 2,
      stakeGwei: 64e9,
    });
    assert.equal(headers["cache-control"], "no-cache", "the latest run changes");
  });

  it("filters by pool, grade and score range, and sorts by score or id", async () => {
    assert.deepEqual(
      (await get("/v1/operators?pool=lido")).body.items.map((o: { id: string }) => o.id),
      ["op-b", "op-a"],
    );
    const aaa = (await get("/v1/operators?grade=AAA")).body;
    assert.equal(aaa.total, 1);
    assert.equal(aaa.items[0].id, "op-c");
    // Both bounds inclusive: op-a's 6 and op-b's 27 are in 6..27, op-c's 3 and op-d's 90 are not.
    const range = (await get("/v1/operators?minScore=6&maxScore=27&sort=score_asc")).body;
    assert.deepEqual(
      range.items.map((o: { id: string; scoreBps: number }) => [o.id, o.scoreBps]),
      [
        ["op-a", 6],
        ["op-b", 27],
      ],
    );
    assert.equal(range.total, 2);
    assert.deepEqual(
      (await get("/v1/operators?sort=id")).body.items.map((o: { id: string }) => o.id),
      ["op-a", "op-b", "op-c", "op-d"],
    );
  });

  it("pages with a cursor through every operator exactly once, ending with a null cursor", async () => {
    for (const sort of ["score_desc", "score_asc", "id"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/operators?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
        const { body, status } = await get(url);
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(body.total, 4);
        seen.push(...body.items.map((o: { id: string }) => o.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 2, sort);
      const all = (await get(`/v1/operators?sort=${sort}`)).body.items.map(
        (o: { id: string }) => o.id,
      );
      assert.deepEqual(seen, all, sort);
    }
    // limit equal to the count: one full page and no cursor.
    assert.equal((await get("/v1/operators?limit=4")).body.nextCursor, null);
  });

  it("ignores unknown query parameters", async () => {
    const { status, body } = await get("/v1/operators?colour=red&limit=2");
    assert.equal(status, 200);
    assert.deepEqual(
      body.items.map((o: { id: string }) => o.id),
      ["op-d", "op-b"],
    );
  });

  it("answers an empty page for filters that match nothing", async () => {
    const { status, body } = await get("/v1/operators?pool=nobody");
    assert.equal(status, 200);
    assert.deepEqual(body, { epoch: 150, total: 0, limit: 50, nextCursor: null, items: [] });
  });

  it("refuses bad parameters with a problem naming the parameter", async () => {
    const cases: [string, string, RegExp][] = [
      ["/v1/operators?limit=0", "limit", /must be >= 1/],
      ["/v1/operators?limit=501", "limit", /must be <= 500/],
      ["/v1/operators?limit=ten", "limit", /must be an integer/],
      ["/v1/operators?sort=random", "sort", /must be one of score_desc, score_asc, id/],
      ["/v1/operators?grade=Z", "grade", /must be one of AAA/],
      ["/v1/operators?minScore=90&maxScore=50", "minScore", /must not exceed/],
      ["/v1/operators?maxScore=101", "maxScore", /must be <= 100/],
      ["/v1/operators?cursor=bm90LWEtY3Vyc29y", "cursor", /not a cursor/],
    ];
    for (const [url, parameter, detail] of cases) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      const problem = res.json();
      assert.equal(problem.type, "urn:beacon-risk-oracle:problem:invalid-parameter");
      assert.equal(problem.status, 400);
      assert.equal(problem.parameter, parameter, url);
      assert.equal(problem.in, "query");
      assert.match(problem.detail, new RegExp(`"${parameter}"`), url);
      assert.match(problem.detail, detail, url);
      assert.equal(problem.instance, url);
    }
    // A cursor of another sort order.
    const cursor = (await get("/v1/operators?limit=1")).body.nextCursor;
    const res = await get(`/v1/operators?sort=id&cursor=${cursor}`);
    assert.equal(res.status, 400);
    assert.match(res.body.detail, /another sort order/);
  });

  it("serves a past scoring epoch, not as immutable (it carries current names and pools), and 404 for an epoch never scored", async () => {
    const past = await get("/v1/operators?epoch=125&sort=id");
    assert.equal(past.status, 200);
    assert.equal(past.body.epoch, 125);
    assert.deepEqual(
      past.body.items.map((o: { scoreBps: number }) => o.scoreBps),
      ["op-a", "op-b", "op-c", "op-d"].map((id) => SEED.scores[id][125]),
    );
    // Names and pool ids change with an operator import: the answer can change, so it is never immutable.
    assert.equal(past.headers["cache-control"], "no-cache");
    const cursor = (await get("/v1/operators?epoch=125&limit=2")).body.nextCursor;
    assert.equal(
      (await get(`/v1/operators?limit=2&cursor=${cursor}`)).body.epoch,
      125,
      "the cursor pins the epoch",
    );
    const missing = await get("/v1/operators?epoch=126");
    assert.equal(missing.status, 404);
    assert.match(missing.body.detail, /No scoring run at epoch 126/);
  });

  it("shows an operator's latest score with its feature vector, pool and newest report", async () => {
    const { status, body } = await get("/v1/operators/op-a");
    assert.equal(status, 200);
    assert.deepEqual(body, {
      id: "op-a",
      name: "Alpha",
      pool: { id: "lido", name: "Lido" },
      score: {
        epoch: 150,
        scoreBps: SEED.scores["op-a"][150],
        grade: SEED.grades["op-a"][150],
        probability: SEED.probabilities["op-a"][150],
        modelSha256: "model-sha",
        validators: 2,
        stakeGwei: 64e9,
        features: {
          version: FEATURE_VERSION,
          names: [...FEATURE_NAMES],
          values: seedFeatures("op-a", 150),
        },
        // Seeded scores carry no contributions or losses (test/api/operatorExplanation.test.ts has them).
        explanation: null,
        loss: null,
      },
      latestReport: { id: 2, epoch: 150, status: "proven" },
    });
    const d = (await get("/v1/operators/op-d")).body;
    assert.equal(d.pool, null);
    assert.deepEqual(d.latestReport, { id: 3, epoch: 150, status: "pending" });
    const never = (await get("/v1/operators/op-e")).body;
    assert.equal(never.score, null);
    assert.equal(never.latestReport, null);
  });

  it("finds the newest report holding an operator missing from the newest report epoch", async () => {
    // op-e gets feed 4; only an older report (epoch 100) holds it, so the newest epoch's probe misses.
    await t.db.pool.query(
      `INSERT INTO feed (feed_index, feed_id, kind, ref_id) VALUES (4, 'feed-op-e', 'operator', 'op-e')`,
    );
    await t.db.pool.query(
      `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features)
       VALUES (5, 100, 4, '{op-e}', 'posted', 'model-sha', $1, '[[0]]'), (6, 75, 4, '{op-e}', 'posted', 'model-sha', $1, '[[0]]')`,
      [FEATURE_VERSION],
    );
    assert.deepEqual((await get("/v1/operators/op-e")).body.latestReport, {
      id: 5,
      epoch: 100,
      status: "posted",
    });
    // Lookups of the same and of different operators in one batch each get their own row.
    const [a, e, a2, none] = await Promise.all(
      ["op-a", "op-e", "op-a", "op-none"].map((id) => get(`/v1/operators/${id}`)),
    );
    assert.deepEqual(
      [a.body.latestReport.id, e.body.latestReport.id, a2.body.score.scoreBps, none.status],
      [2, 5, SEED.scores["op-a"][150], 404],
    );
  });

  it("answers 404 problems for unknown operators", async () => {
    for (const url of ["/v1/operators/op-zzz", "/v1/operators/op-zzz/scores"]) {
      const res = await t.app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      assert.deepEqual(res.json(), {
        type: "urn:beacon-risk-oracle:problem:not-found",
        title: "Not found",
        status: 404,
        detail: 'No operator with id "op-zzz"',
        instance: url,
      });
    }
  });

  it("pages an operator's score history newest first within an epoch range", async () => {
    const all = (await get("/v1/operators/op-b/scores")).body;
    assert.equal(all.total, 3);
    assert.deepEqual(
      all.items.map((s: { epoch: number; scoreBps: number }) => [s.epoch, s.scoreBps]),
      [150, 125, 100].map((epoch) => [epoch, SEED.scores["op-b"][epoch]]),
    );
    assert.deepEqual(all.items[0].features, seedFeatures("op-b", 150));
    assert.equal(all.items[0].featureVersion, FEATURE_VERSION);

    const first = (await get("/v1/operators/op-b/scores?limit=2")).body;
    assert.deepEqual(
      first.items.map((s: { epoch: number }) => s.epoch),
      [150, 125],
    );
    const second = (await get(`/v1/operators/op-b/scores?limit=2&cursor=${first.nextCursor}`)).body;
    assert.deepEqual(
      second.items.map((s: { epoch: number }) => s.epoch),
      [100],
    );
    assert.equal(second.nextCursor, null);

    const ranged = (await get("/v1/operators/op-b/scores?from=110&to=140")).body;
    assert.equal(ranged.total, 1);
    assert.deepEqual(
      ranged.items.map((s: { epoch: number }) => s.epoch),
      [125],
    );
    const empty = (await get("/v1/operators/op-b/scores?from=151")).body;
    assert.deepEqual([empty.total, empty.items, empty.nextCursor], [0, [], null]);
    const bad = await get("/v1/operators/op-b/scores?from=200&to=100");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, "from");
    assert.equal((await get("/v1/operators/op-b/scores?to=-1")).status, 400);
  });

  it("marks a history that ends before the latest run immutable, and supports If-None-Match", async () => {
    const past = await get("/v1/operators/op-b/scores?to=149");
    assert.match(past.headers["cache-control"] as string, /immutable/);
    const etag = past.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    const again = await t.app.inject({
      method: "GET",
      url: "/v1/operators/op-b/scores?to=149",
      headers: { "if-none-match": etag },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, "");
    const weak = await t.app.inject({
      method: "GET",
      url: "/v1/operators/op-b/scores?to=149",
      headers: { "if-none-match": `"other", W/${etag}` },
    });
    assert.equal(weak.statusCode, 304);
    const changed = await t.app.inject({
      method: "GET",
      url: "/v1/operators/op-b/scores?to=149",
      headers: { "if-none-match": '"stale"' },
    });
    assert.equal(changed.statusCode, 200);
    const current = await get("/v1/operators/op-b/scores?to=150");
    assert.equal(current.headers["cache-control"], "no-cache", "the latest run is not final");
    assert.equal(current.headers.etag, undefined);
  });

  it("lists pools with their latest scores and operator counts", async () => {
    const { status, body } = await get("/v1/pools");
    assert.equal(status, 200);
    assert.deepEqual(
      body.items.map((p: { id: string; operatorCount: number }) => [p.id, p.operatorCount]),
      [
        ["eigen", 0],
        ["lido", 3],
        ["rocket", 1],
      ],
    );
    assert.equal(body.items[0].score, null);
    assert.deepEqual(body.items[1].score, {
      epoch: 150,
      scoreBps: SEED.poolScores.lido[150],
      grade: "BBB",
      tailStakeBps: 3333,
      worstOperatorId: "op-b",
      operators: 2,
      stakeGwei: 96e9,
      modelSha256: "model-sha",
    });
  });

  it("shows a pool with its operators riskiest first (unscored last) and 404 for an unknown pool", async () => {
    const { body } = await get("/v1/pools/lido");
    assert.equal(body.name, "Lido");
    assert.equal(body.kind, "lst");
    assert.equal(body.score.scoreBps, SEED.poolScores.lido[150]);
    assert.deepEqual(
      body.operators.map((o: { id: string }) => o.id),
      ["op-b", "op-a", "op-e"],
    );
    assert.deepEqual(body.operators[0].score, {
      epoch: 150,
      scoreBps: SEED.scores["op-b"][150],
      grade: SEED.grades["op-b"][150],
      validators: 1,
      stakeGwei: 32e9,
    });
    assert.equal(body.operators[2].score, null);
    const missing = await get("/v1/pools/nope");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.detail, 'No pool with id "nope"');
  });
});

describe("REST API: the operator answer cache", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp({ env: { API_CACHE_REFRESH_MS: "150" } });
  });
  after(async () => {
    await t?.close();
  });

  it("serves the cached answer until the data changes, then the new one within the refresh interval", async () => {
    const score = async () =>
      (await t.app.inject({ method: "GET", url: "/v1/operators/op-a" })).json().score
        .scoreBps as number;
    await nextNamedQuery(t.db.pool, "api_data_version"); // the first version reading is done by then
    const before = await score();
    // Score rows are only ever written with a new scoring run; an edit behind its back stays unseen
    // until something the version covers moves (here: a rename).
    await t.db.pool.query(
      `UPDATE operator_score SET score_bps = score_bps + 7 WHERE operator_id = 'op-a' AND epoch = (SELECT max(epoch) FROM operator_score WHERE operator_id = 'op-a')`,
    );
    assert.equal(
      await score(),
      before,
      "a row changed without a new scoring run is not seen while cached",
    );
    await t.db.pool.query(`UPDATE operator SET name = name || ' (renamed)' WHERE id = 'op-a'`);
    await nextNamedQuery(t.db.pool, "api_data_version"); // a version reading begun after the rename sees it
    assert.equal(await score(), before + 7, "after the version moved, the answer is read again");
    const renamed = (await t.app.inject({ method: "GET", url: "/v1/operators/op-a" })).json();
    assert.match(renamed.name, /\(renamed\)$/);
  });
});
