/**
 * The small reads the CLI and the demo make (epoch scored?, feed count, a report's state, post,
 * attestations, an epoch's scores), against the API tests' seeded world in a real database.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { useSeededDatabase } from "../../test/support/seededDatabase.js";
import { countFeeds } from "./countFeeds.js";
import { firstReportOfEpoch } from "./firstReportOfEpoch.js";
import { isEpochScored } from "./isEpochScored.js";
import { loadEpochScores } from "./loadEpochScores.js";
import { loadReportAttestations } from "./loadReportAttestations.js";
import { loadReportPost } from "./loadReportPost.js";
import { loadReportStatus } from "./loadReportStatus.js";

describe("report and score reads", () => {
  const db = useSeededDatabase();

  it("knows which epochs are scored", async () => {
    assert.equal(await isEpochScored({ pool: db.pool, epoch: 150 }), true);
    assert.equal(await isEpochScored({ pool: db.pool, epoch: 149 }), false);
  });

  it("counts the feeds", async () => {
    assert.equal(await countFeeds(db.pool), 4);
  });

  it("finds an epoch's first report, and none for an epoch without", async () => {
    assert.equal(await firstReportOfEpoch({ pool: db.pool, epoch: 150 }), 2);
    assert.equal(await firstReportOfEpoch({ pool: db.pool, epoch: 100 }), undefined);
  });

  it("reads a report's status and its post", async () => {
    assert.deepEqual(await loadReportStatus({ pool: db.pool, reportId: 3 }), {
      status: "pending",
      error: null,
    });
    assert.equal(await loadReportStatus({ pool: db.pool, reportId: 99 }), undefined);
    assert.deepEqual(await loadReportPost({ pool: db.pool, reportId: 1 }), {
      txHash: "0xtx",
      onchainReportId: 7,
      gasUsed: "345678",
    });
    assert.deepEqual(await loadReportPost({ pool: db.pool, reportId: 2 }), {
      txHash: null,
      onchainReportId: null,
      gasUsed: null,
    });
  });

  it("reads the attesters' answers, a refusal as unsigned", async () => {
    assert.deepEqual(await loadReportAttestations({ pool: db.pool, reportId: 1 }), [
      { attester: "0x00000000000000000000000000000000000000a1", signed: true },
      { attester: "0x00000000000000000000000000000000000000a2", signed: false },
    ]);
    assert.deepEqual(await loadReportAttestations({ pool: db.pool, reportId: 2 }), []);
  });

  it("reads an epoch's scores with each operator's pool, safest first", async () => {
    const scores = await loadEpochScores({ pool: db.pool, epoch: 150 });
    assert.deepEqual(scores, [
      { operatorId: "op-c", poolId: "rocket", validators: 1, scoreBps: 3, grade: "AAA" },
      { operatorId: "op-a", poolId: "lido", validators: 2, scoreBps: 6, grade: "A" },
      { operatorId: "op-b", poolId: "lido", validators: 1, scoreBps: 27, grade: "B" },
      { operatorId: "op-d", poolId: null, validators: 1, scoreBps: 90, grade: "D" },
    ]);
  });
});
