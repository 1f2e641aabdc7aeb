import assert from "node:assert/strict";
import { test } from "node:test";
import { FEATURE_NAMES, FEATURE_SPECS } from "../features/index.js";
import { ModelError } from "./errors.js";
import { parseLabelledCsv } from "./parseLabelledCsv.js";

const header = ["operator_id", "at_epoch", "label", "future_shortfall_bps", ...FEATURE_NAMES].join(
  ",",
);
const values = FEATURE_SPECS.map((s) => String(s.lo)).join(",");

test("quoted fields: an operator id with a comma and quotes, CRLF line ends", () => {
  const samples = parseLabelledCsv(
    `${header}\r\n"acme, ""east""",10,1,7.5,${values}\r\nplain,11,0,0.2,${values}\r\n`,
  );
  assert.equal(samples.length, 2);
  assert.equal(samples[0].operatorId, 'acme, "east"');
  assert.equal(samples[0].atEpoch, 10);
  assert.equal(samples[1].operatorId, "plain");
  assert.equal(samples[1].weight, 1);
  assert.equal(samples[0].extra?.futurePerformanceShortfallBps, 7.5);
  assert.equal(samples[1].extra?.futurePerformanceShortfallBps, 0.2);
});

test("the realised 30-day shortfall is required and not negative (the expected-shortfall head is fitted to it)", () => {
  const invalid = (pattern: RegExp) => (e: unknown) =>
    e instanceof ModelError && e.code === "MODEL_CSV_INVALID" && pattern.test(e.message);
  const withoutIt = ["operator_id", "at_epoch", "label", ...FEATURE_NAMES].join(",");
  assert.throws(
    () => parseLabelledCsv(`${withoutIt}\nop,5,1,${values}\n`),
    invalid(/missing columns: future_shortfall_bps/),
  );
  assert.throws(
    () => parseLabelledCsv(`${header}\nop,5,1,-1,${values}\n`),
    invalid(/Row 2: future_shortfall_bps must be ≥ 0/),
  );
});

test("header names match in any case, as in label files", () => {
  const [s] = parseLabelledCsv(`${header.toUpperCase()}\nop,5,1,0,${values}\n`);
  assert.equal(s.operatorId, "op");
});

test("a malformed file and a bad row are MODEL_CSV_INVALID, naming the file line", () => {
  const invalid = (e: unknown) => e instanceof ModelError && e.code === "MODEL_CSV_INVALID";
  assert.throws(() => parseLabelledCsv(`${header}\n"unclosed,5,1,0,${values}\n`), invalid);
  assert.throws(
    () => parseLabelledCsv(`${header}\n\nop,5,x,0,${values}\n`),
    (e: unknown) => invalid(e) && /Row 3: label/.test((e as Error).message),
  );
});
