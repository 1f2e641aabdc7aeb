/** The scoring rule and the watched feeds, against the API tests' seeded world in a real database. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { useSeededDatabase } from "../../test/support/seededDatabase.js";
import { loadPostedOperatorIds } from "./loadPostedOperatorIds.js";
import { scoringEpochs } from "./scoringEpochs.js";

// Seeded: epochs 148, 149 (a validator slashed) and 150 ingested; 100, 125 and 150 scored.
describe("the scoring rule and the watched feeds", () => {
  const db = useSeededDatabase();

  it("selects scoring epochs, report epochs and slashing epochs", async () => {
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 2, reportEvery: 1000 }),
      [148, 149, 150],
    );
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 1000, reportEvery: 37 }),
      [148, 149],
    );
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 1000, reportEvery: 1000 }),
      [149],
    );
  });

  it("leaves out scored epochs when asked for what is owed, and honours the limit", async () => {
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 2, reportEvery: 1000, unscored: true }),
      [148, 149],
    );
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 2, reportEvery: 1000, limit: 1 }),
      [148],
    );
  });

  it("answers for one epoch: the one just ingested", async () => {
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 1000, reportEvery: 1000, epoch: 149 }),
      [149],
    );
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 1000, reportEvery: 1000, epoch: 148 }),
      [],
    );
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 4, reportEvery: 1000, epoch: 148 }),
      [148],
    );
    // A scored epoch is still selected (scoring again is idempotent), as the ingest callback always did.
    assert.deepEqual(
      await scoringEpochs({ pool: db.pool, scoreEvery: 2, reportEvery: 1000, epoch: 150 }),
      [150],
    );
  });

  it("loadPostedOperatorIds lists the feeds covered by a posted report", async () => {
    // Report 1 (posted) covers op-a, op-b and op-c; op-d is only in a pending report.
    assert.deepEqual((await loadPostedOperatorIds(db.pool)).sort(), ["op-a", "op-b", "op-c"]);
  });
});
