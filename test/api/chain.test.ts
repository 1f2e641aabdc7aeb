import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";
import { SEED } from "../support/seedApi.js";

describe("REST API: validators, slashings and epochs", () => {
  let t: ApiTestApp;
  const get = (url: string, headers?: Record<string, string>) => t.get(url, headers);

  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("decodes a validator's recent epochs from the packed arrays", async () => {
    const { status, body } = await get("/v1/validators/0");
    assert.equal(status, 200);
    assert.equal(body.pubkey, `0x${"01".repeat(48)}`);
    assert.equal(body.withdrawalCredentials, `0x${"a0".repeat(32)}`);
    assert.equal(body.status, "active_ongoing");
    assert.deepEqual(body.operator, { id: "op-a", name: "Alpha", poolId: "lido" });
    assert.deepEqual(
      body.performance.items.map((e: { epoch: number }) => e.epoch),
      [150, 149, 148],
    );
    assert.deepEqual(body.performance.items[0], {
      epoch: 150,
      status: "active_ongoing",
      slashed: false,
      duty: true,
      sourceHit: true,
      targetHit: true,
      headHit: false,
      effectiveBalanceEth: 32,
      balanceGwei: SEED.balance0,
      rewards: { source: 102, target: 200, head: 0, inactivity: -7 },
    });
    assert.equal(body.performance.items[1].balanceGwei, 32e9 + 149);
    assert.deepEqual(
      [
        body.performance.epochs,
        body.performance.dutyEpochs,
        body.performance.sourceHits,
        body.performance.headHits,
      ],
      [3, 3, 3, 2],
    );
    // 102+200+0−7 + 101+200+50 + 100+200+50
    assert.equal(body.performance.rewardsGwei, 996);
    assert.deepEqual(body.proposals, [
      { slot: 4800, epoch: 150, produced: false },
      { slot: 4768, epoch: 149, produced: true },
    ]);
    assert.deepEqual(body.slashings, []);
  });

  it("limits the epochs shown, skips epochs before the validator existed, and shows its slashings", async () => {
    assert.deepEqual(
      (await get("/v1/validators/0?epochs=1")).body.performance.items.map(
        (e: { epoch: number }) => e.epoch,
      ),
      [150],
    );
    const late = (await get("/v1/validators/5")).body;
    assert.equal(late.operator, null);
    assert.deepEqual(
      late.performance.items.map((e: { epoch: number }) => e.epoch),
      [150, 149],
    );
    assert.deepEqual(late.slashings, [{ id: 1, slot: 4790, epoch: 149, type: "attester" }]);
    const slashed = (await get("/v1/validators/1")).body;
    assert.equal(slashed.slashed, true);
    assert.deepEqual(
      slashed.performance.items.map((e: { status: string; slashed: boolean }) => [
        e.status,
        e.slashed,
      ]),
      [
        ["active_slashed", true],
        ["active_slashed", true],
        ["active_ongoing", false],
      ],
    );
  });

  it("refuses bad validator parameters and answers 404 for an unknown index", async () => {
    for (const [url, parameter] of [
      ["/v1/validators/-1", "index"],
      ["/v1/validators/abc", "index"],
      ["/v1/validators/0?epochs=0", "epochs"],
      ["/v1/validators/0?epochs=1000", "epochs"],
    ]) {
      const { status, body } = await get(url);
      assert.equal(status, 400, url);
      assert.equal(body.parameter, parameter, url);
    }
    const { status, body } = await get("/v1/validators/999");
    assert.equal(status, 404);
    assert.equal(body.detail, "No validator with index 999 is stored");
  });

  it("lists slashings newest first with the operators of the slashed validators", async () => {
    const { body } = await get("/v1/slashings");
    assert.equal(body.total, 3);
    assert.deepEqual(
      body.items.map((s: { id: number }) => s.id),
      [3, 1, 2],
    );
    assert.deepEqual(body.items[1], {
      id: 1,
      slot: 4790,
      epoch: 149,
      type: "attester",
      offenders: [
        { index: 2, operatorId: "op-b" },
        { index: 5, operatorId: null },
      ],
      operatorIds: ["op-b"],
    });
    assert.deepEqual(body.items[0].operatorIds, ["op-a"]);
  });

  it("filters slashings by operator and epoch range, and pages them", async () => {
    assert.deepEqual(
      (await get("/v1/slashings?operator=op-b")).body.items.map((s: { id: number }) => s.id),
      [1],
    );
    assert.deepEqual(
      (await get("/v1/slashings?operator=op-d")).body.items.map((s: { id: number }) => s.id),
      [2],
    );
    assert.equal((await get("/v1/slashings?operator=op-c")).body.total, 0);
    const ranged = (await get("/v1/slashings?from=100&to=149")).body;
    assert.deepEqual([ranged.total, ranged.items.map((s: { id: number }) => s.id)], [2, [3, 1]]);
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (
        await get(`/v1/slashings?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      ids.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(ids, [3, 1, 2]);
    const bad = await get("/v1/slashings?from=10&to=5");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, "from");
  });

  it("shows an ingested epoch's network figures and an epoch not yet ingested", async () => {
    await t.db.pool.query(
      `INSERT INTO sync_state (key, value, updated_at) VALUES ('finalized_head', '{"finalizedEpoch": 152, "seenAt": "2026-01-01T00:00:00Z"}', now())`,
    );
    const { status, body } = await get("/v1/epochs/149");
    assert.equal(status, 200);
    assert.equal(body.ingested, true);
    assert.equal(body.finalized, true);
    assert.equal(body.finalizedEpoch, 152);
    assert.equal(body.lastIngestableEpoch, 150);
    assert.equal(body.latestIngestedEpoch, 150);
    assert.equal(body.scored, false);
    assert.equal(body.network.validatorCount, 6);
    assert.equal(body.network.stateSlot, 150 * 32);
    assert.equal(body.network.finalizedCheckpointEpoch, 151);
    assert.equal(body.network.totalBalanceGwei, 192e9);
    assert.equal(body.network.slashingOperations, 2);
    assert.equal(body.network.ingestedAt, "2026-01-02T03:04:05.678Z");
    const later = (await get("/v1/epochs/160")).body;
    assert.deepEqual(
      [later.ingested, later.finalized, later.network, later.scored],
      [false, false, null, false],
    );
    assert.equal((await get("/v1/epochs/150")).body.scored, true);
    assert.equal((await get("/v1/epochs/x")).status, 400);
  });
});
