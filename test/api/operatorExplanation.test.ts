import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { writeScores } from "../../src/db/index.js";
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_VERSION } from "../../src/features/index.js";
import { operatorLoss, poolLoss } from "../../src/loss/index.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";

describe("REST API: a score's explanation and losses", () => {
  let t: ApiTestApp;
  before(async () => {
    t = await apiTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it("stores contributions and losses with the scores and shows the top drivers and what changed", async () => {
    const features = Array.from({ length: FEATURE_COUNT }, (_, i) =>
      FEATURE_NAMES[i] === "validators_log" ? Math.log10(101) : -2,
    );
    const loss = operatorLoss({ features, shortfallBps30d: 0.4 });
    const contributionsAt = (epoch: number) =>
      FEATURE_NAMES.map((_, i) =>
        i === 3 ? (epoch === 200 ? 2.5 : 0.5) : i === 7 ? -1.25 : i === 12 ? 0.75 : 0,
      );
    for (const epoch of [175, 200]) {
      const { written } = await writeScores({
        pool: t.db.pool,
        epoch,
        modelSha256: "model-sha",
        featureVersion: FEATURE_VERSION,
        operators: [
          {
            operatorId: "op-a",
            scoreBps: epoch === 200 ? 300 : 100,
            probability: 0.01,
            grade: "A",
            features,
            contributions: contributionsAt(epoch),
            loss,
            validators: 100,
            stakeGwei: 3200e9,
            feedId: `0x${"ab".repeat(32)}`,
          },
        ],
        pools: [
          {
            poolId: "lido",
            scoreBps: 100,
            grade: "A",
            tailStakeBps: 0,
            worstOperatorId: "op-a",
            operators: 1,
            stakeGwei: 3200e9,
            loss: poolLoss({ operators: [{ operatorId: "op-a", stakeGwei: 3200e9, loss }] }),
          },
        ],
        durationMs: 1,
      });
      assert.equal(written, true);
    }
    const { status, body } = await t.get("/v1/operators/op-a");
    assert.equal(status, 200);
    assert.equal(body.score.epoch, 200);
    assert.deepEqual(body.score.explanation.topDrivers, [
      { feature: FEATURE_NAMES[3], logit: 2.5 },
      { feature: FEATURE_NAMES[7], logit: -1.25 },
      { feature: FEATURE_NAMES[12], logit: 0.75 },
    ]);
    assert.deepEqual(body.score.explanation.sincePrevious, {
      epoch: 175,
      scoreBpsChange: 200,
      changes: [{ feature: FEATURE_NAMES[3], logit: 2 }],
    });
    assert.ok(Math.abs(body.score.loss.expectedLossBps30d - loss.expectedLossBps30d) < 1e-9);
    assert.ok(
      Math.abs(
        body.score.loss.stressed.operator_set_slashed.ethPer32 -
          loss.stressed.operator_set_slashed.ethPer32,
      ) < 1e-12,
    );
    const stored = await t.db.pool.query<{ loss: { expectedLossBps30d: number } }>(
      `SELECT loss FROM pool_score WHERE pool_id = 'lido' AND epoch = 200`,
    );
    assert.equal(stored.rowCount, 1);
    assert.ok(Math.abs(stored.rows[0].loss.expectedLossBps30d - loss.expectedLossBps30d) < 1e-9);
  });

  it("answers null explanations for scores stored without contributions", async () => {
    const { body } = await t.get("/v1/operators/op-b");
    assert.equal(body.score.explanation, null);
    assert.equal(body.score.loss, null);
  });
});
