import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv } from "./parseCsv.js";

test("quoted fields keep their commas, doubled quotes and line breaks", () => {
  const { header, rows } = parseCsv(
    'Name, Pubkey ,Note\n"Acme, Inc.",0x01,"said ""hi"""\n"two\nlines",0x02,plain\n',
  );
  assert.deepEqual(header, ["name", "pubkey", "note"]);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].cells, ["Acme, Inc.", "0x01", 'said "hi"']);
  assert.deepEqual(rows[1].cells, ["two\nlines", "0x02", "plain"]);
});

test("CRLF, a byte-order mark and empty lines are read; each row names the line it ends on", () => {
  const { header, rows } = parseCsv("\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n");
  assert.deepEqual(header, ["a", "b"]);
  assert.deepEqual(
    rows.map((r) => [r.cells, r.line]),
    [
      [["1", "2"], 2],
      [["3", "4"], 4],
    ],
  );
});

test("rows with a different cell count are returned for the caller to name", () => {
  const { rows } = parseCsv("a,b\n1\n1,2,3\n");
  assert.deepEqual(
    rows.map((r) => r.cells.length),
    [1, 3],
  );
});

test("an unclosed quote throws, with the line", () => {
  assert.throws(() => parseCsv('a,b\n"open,2\n'), /Quote Not Closed|quote/i);
});

test("an empty file has no header and no rows", () => {
  assert.deepEqual(parseCsv(""), { header: [], rows: [] });
});
