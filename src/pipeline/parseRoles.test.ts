import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../config/index.js";
import { parseRoles } from "./parseRoles.js";

test("parseRoles reads a comma-separated list, spaces and empty entries ignored", () => {
  assert.deepEqual(parseRoles(" ingest, post,,"), ["ingest", "post"]);
});

test("an unknown role is a coded configuration error naming it and the known roles", () => {
  assert.throws(
    () => parseRoles("ingest,scoring"),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.code === "CONFIG_INVALID" &&
      error.problems.length === 1 &&
      /unknown role scoring \(known: ingest, score, prove, post\)/.test(error.problems[0] ?? ""),
  );
});
