/**
 * The streaming scanner against JSON.parse of the same documents, cut into chunks at every
 * possible place (a chunk boundary inside a key, an element, an escape).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanJsonArrays } from "./scanJsonArrays.js";

async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function scan(text: string, size: number, paths: string[]) {
  const got: Record<string, unknown[]> = {};
  const arrays = Object.fromEntries(
    paths.map((p) => [
      p,
      (batch: unknown[]) => {
        got[p] = [...(got[p] ?? []), ...batch];
      },
    ]),
  );
  const found = await scanJsonArrays({ body: chunks(text, size), arrays });
  return { found, got };
}

const doc = JSON.stringify({
  execution_optimistic: false,
  note: 'a "quoted" [value] {with} \\ backslash',
  data: {
    ideal_rewards: [{ effective_balance: "1000", head: "0.5" }],
    total_rewards: [
      { validator_index: "0", head: "1", list: [1, [2, { x: "]}" }]] },
      { validator_index: "1", head: "-2", s: 'esc \\" quote \\\\' },
      { validator_index: "2", 'ke\\"y': "ü ☃", nested: { data: [{}] } },
    ],
  },
});

describe("scanJsonArrays", () => {
  it("hands over the elements of the wanted arrays, whatever the chunk size", async () => {
    const parsed = JSON.parse(doc);
    for (const size of [1, 2, 3, 5, 7, 16, 64, doc.length]) {
      const { found, got } = await scan(doc, size, ["data.total_rewards", "data.ideal_rewards"]);
      assert.deepEqual([...found].sort(), ["data.ideal_rewards", "data.total_rewards"], `${size}`);
      assert.equal(got["data.total_rewards"].length, 3);
      assert.deepEqual(got["data.total_rewards"], parsed.data.total_rewards, `chunk ${size}`);
      assert.deepEqual(got["data.ideal_rewards"], parsed.data.ideal_rewards, `chunk ${size}`);
    }
  });

  it("matches whole key paths only, and reports a wanted array that is absent", async () => {
    const { found, got } = await scan(doc, 4, ["data", "total_rewards", "nested.data"]);
    assert.equal(found.size, 0);
    assert.deepEqual(got, {});
    const top = await scan('{"data":[{"a":1},{"a":2}]}', 3, ["data"]);
    assert.deepEqual(top.got.data, [{ a: 1 }, { a: 2 }]);
  });

  it("throws SyntaxError on a truncated or malformed answer", async () => {
    await assert.rejects(scan(doc.slice(0, -3), 7, ["data.total_rewards"]), SyntaxError);
    await assert.rejects(scan('{"data":[1,2]}', 4, ["data"]), SyntaxError);
    await assert.rejects(scan('{"data":["a"]}', 4, ["data"]), SyntaxError);
    await assert.rejects(scan('{"data":[{"a":1,}]}', 4, ["data"]), SyntaxError);
    await assert.rejects(scan("[]", 4, ["data"]), SyntaxError);
    await assert.rejects(scan("", 4, ["data"]), SyntaxError);
  });
});
