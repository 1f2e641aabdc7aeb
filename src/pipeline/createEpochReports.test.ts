import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { useSeededDatabase } from "../../test/support/seededDatabase.js";
import { createEpochReports } from "./createEpochReports.js";

describe("createEpochReports", () => {
  const db = useSeededDatabase();

  it("returns the reports of a scored epoch", async () => {
    // The seed already holds reports 2 (feeds 0..2) and 3 (feed 3) of epoch 150, batches of 3.
    assert.deepEqual(await createEpochReports({ pool: db.pool, epoch: 150, batchSize: 3 }), {
      reportIds: [2, 3],
    });
  });

  it("refuses an epoch without a scoring run, with a coded error and no report", async () => {
    await assert.rejects(createEpochReports({ pool: db.pool, epoch: 149, batchSize: 3 }), {
      code: "PIPELINE_EPOCH_NOT_SCORED",
      shortMessage: "epoch 149 is not scored",
    });
    const { rowCount } = await db.pool.query(`SELECT 1 FROM report WHERE epoch = 149`);
    assert.equal(rowCount, 0);
  });
});
