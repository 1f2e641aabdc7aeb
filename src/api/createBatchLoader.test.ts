import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBatchLoader } from "./createBatchLoader.js";

describe("createBatchLoader", () => {
  it("sends the keys of one event-loop turn as one batch, each key once", async () => {
    const batches: string[][] = [];
    const load = createBatchLoader<string, number>({
      loadMany: async (keys) => {
        batches.push(keys);
        return new Map(keys.filter((k) => k !== "missing").map((k) => [k, k.length]));
      },
    });
    const results = await Promise.all(["a", "bb", "a", "missing"].map(load));
    assert.deepEqual(results, [1, 2, 1, undefined]);
    assert.deepEqual(batches, [["a", "bb", "missing"]]);
    assert.equal(await load("ccc"), 3);
    assert.deepEqual(batches.at(-1), ["ccc"], "a later turn gets its own batch");
  });

  it("sends a batch as soon as it is full", async () => {
    const sizes: number[] = [];
    const load = createBatchLoader<number, number>({
      maxBatch: 3,
      loadMany: async (keys) => (sizes.push(keys.length), new Map(keys.map((k) => [k, k * 2]))),
    });
    assert.deepEqual(await Promise.all([1, 2, 3, 4, 5, 6, 7].map(load)), [2, 4, 6, 8, 10, 12, 14]);
    assert.deepEqual(sizes, [3, 3, 1]);
  });

  it("rejects every waiter of a failed batch, and later batches still work", async () => {
    let fail = true;
    const load = createBatchLoader<string, string>({
      loadMany: async (keys) => {
        if (fail) throw new Error("database down");
        return new Map(keys.map((k) => [k, k]));
      },
    });
    const settled = await Promise.allSettled([load("x"), load("y")]);
    assert.deepEqual(
      settled.map((s) => s.status),
      ["rejected", "rejected"],
    );
    fail = false;
    assert.equal(await load("x"), "x");
  });
});
