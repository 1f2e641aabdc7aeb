import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ingestionLag } from "./ingestionLag.js";

describe("ingestionLag", () => {
  it("counts the epochs after the newest stored one up to finalized − 2", () => {
    assert.equal(ingestionLag({ finalizedEpoch: null, ingestedEpoch: 5 }), null);
    assert.equal(ingestionLag({ finalizedEpoch: 10, ingestedEpoch: null }), 9);
    assert.equal(ingestionLag({ finalizedEpoch: 10, ingestedEpoch: 8 }), 0);
    assert.equal(ingestionLag({ finalizedEpoch: 10, ingestedEpoch: 5 }), 3);
  });

  it("counts gaps below the newest stored epoch: epochs 3–10 missing are not lag 0", () => {
    assert.equal(ingestionLag({ finalizedEpoch: 13, ingestedEpoch: 11, gaps: 8 }), 8);
    assert.equal(ingestionLag({ finalizedEpoch: 14, ingestedEpoch: 11, gaps: 8 }), 9);
  });
});
