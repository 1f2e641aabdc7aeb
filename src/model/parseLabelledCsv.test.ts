import assert from "node:assert/strict";
import { test } from "node:test";
import { FEATURE_NAMES, FEATURE_SPECS } from "../features/index.js";
import { ModelError } from "./errors.js";
import { parseLabelledCsv } from "./parseLabelledCsv.js";

const header = ["operator_id", "at_epoch", "label", ...FEATURE_NAMES].join(",");
const values = FEATURE_SPECS.map((s) => String(s.lo)).join(",");

test("quoted fields: an operator id with a comma and quotes, CRLF line ends", () => {
  const samples = parseLabelledCsv(
    `${header}\r\n"acme, ""east""",10,1,${values}\r\nplain,11,0,${values}\r\n`,
  );
  assert.equal(samples.length, 2);
  assert.equal(samples[0].operatorId, 'acme, "east"');
  assert.equal(samples[0].atEpoch, 10);
  assert.equal(samples[1].operatorId, "plain");
  assert.equal(samples[1].weight, 1);
});

test("header names match in any case, as in label files", () => {
  const [s] = parseLabelledCsv(`${header.toUpperCase()}\nop,5,1,${values}\n`);
  assert.equal(s.operatorId, "op");
});

test("a malformed file and a bad row are MODEL_CSV_INVALID, naming the file line", () => {
  const invalid = (e: unknown) => e instanceof ModelError && e.code === "MODEL_CSV_INVALID";
  assert.throws(() => parseLabelledCsv(`${header}\n"unclosed,5,1,${values}\n`), invalid);
  assert.throws(
    () => parseLabelledCsv(`${header}\n\nop,5,x,${values}\n`),
    (e: unknown) => invalid(e) && /Row 3: label/.test((e as Error).message),
  );
});
