import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { outdatedGeneratedFiles } from "../../scripts/buildContracts.js";

describe("generated contract artifacts", () => {
  it("match a fresh solc-js compile of contracts/ (run `npm run contracts:build` if not)", () => {
    assert.deepEqual(outdatedGeneratedFiles(), []);
  });
});
