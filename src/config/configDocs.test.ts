import assert from "node:assert/strict";
import { it } from "node:test";
import { configDocsAreCurrent } from "../../scripts/renderConfigDocs.js";

it("docs/configuration.md matches the settings table (run `npm run docs:config`)", () => {
  assert.ok(configDocsAreCurrent());
});
