import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SCORE_BPS } from "../../src/report/index.js";
import { poolScore } from "../../src/scoring/poolScore.js";
import { riskGrade } from "../../src/scoring/riskGrade.js";
import { SEED } from "../support/seedApi.js";

/**
 * The hand-written API world stays one the scorer could have written: the API and page tests assert
 * its values, so a seed outside the score's range or grades off their bands would test a world
 * that cannot occur.
 */
describe("the seeded API world", () => {
  const ids = Object.keys(SEED.scores);
  // op-a holds two validators (64 ETH), every other operator one (32 ETH), as seedApi inserts them.
  const stakeGwei = (id: string) => (id === "op-a" ? 64e9 : 32e9);

  it("posts integer scores within 0..MAX_SCORE_BPS, grades from the probability's band", () => {
    assert.equal(ids.length, 4);
    let checked = 0;
    for (const id of ids)
      for (const epoch of SEED.scoredEpochs) {
        const bps = SEED.scores[id][epoch];
        assert.ok(Number.isInteger(bps) && bps >= 0 && bps <= MAX_SCORE_BPS, `${id}@${epoch}`);
        const probability = SEED.probabilities[id][epoch];
        assert.equal(
          SEED.grades[id][epoch],
          riskGrade(Math.round(probability * 10_000)),
          `${id}@${epoch}`,
        );
        checked++;
      }
    assert.equal(checked, ids.length * SEED.scoredEpochs.length);
  });

  it("orders operators the same by score and by probability at every epoch, each rising over time", () => {
    for (const epoch of SEED.scoredEpochs) {
      const byScore = [...ids].sort((a, b) => SEED.scores[a][epoch] - SEED.scores[b][epoch]);
      const byProbability = [...ids].sort(
        (a, b) => SEED.probabilities[a][epoch] - SEED.probabilities[b][epoch],
      );
      assert.deepEqual(byScore, ["op-c", "op-a", "op-b", "op-d"], `epoch ${epoch}`);
      assert.deepEqual(byProbability, byScore, `epoch ${epoch}`);
      assert.equal(new Set(ids.map((id) => SEED.scores[id][epoch])).size, ids.length);
    }
    for (const id of ids) {
      const history = SEED.scoredEpochs.map((epoch) => SEED.scores[id][epoch]);
      assert.deepEqual(
        history,
        [...new Set(history)].sort((a, b) => a - b),
        `${id} rises strictly`,
      );
    }
  });

  it("seeds pool scores as poolScore computes them from the seeded operators", () => {
    const members = { lido: ["op-a", "op-b"], rocket: ["op-c"] } as Record<string, string[]>;
    const rows = Object.entries(SEED.poolScores).flatMap(([poolId, byEpoch]) =>
      Object.entries(byEpoch).map(([epoch, bps]) => ({ poolId, epoch: Number(epoch), bps })),
    );
    assert.equal(rows.length, 3);
    for (const { poolId, epoch, bps } of rows) {
      const pool = poolScore({
        operators: members[poolId].map((operatorId) => ({
          operatorId,
          scoreBps: SEED.scores[operatorId][epoch],
          probability: SEED.probabilities[operatorId][epoch],
          stakeGwei: stakeGwei(operatorId),
        })),
      });
      assert.equal(pool.scoreBps, bps, `${poolId}@${epoch}`);
      // The grades and tail shares seedApi inserts for the pools.
      assert.deepEqual(
        [pool.grade, pool.tailStakeBps, pool.worstOperator?.operatorId],
        poolId === "lido" ? ["BBB", 3333, "op-b"] : ["AAA", 0, "op-c"],
        `${poolId}@${epoch}`,
      );
    }
  });
});
