import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCHS_PER_DAY } from "../features/index.js";
import { createRandom } from "./random.js";
import { sampleOperator } from "./sampleOperator.js";
import { simulateOperator } from "./simulateOperator.js";
import { createValidatorDutyTracker } from "./validatorDutyTracker.js";

describe("validator duty tracker", () => {
  it("books an outage's block (wrapping), independent misses on up slots only, per day", () => {
    const t = createValidatorDutyTracker(6, createRandom(1));
    // Day 0: 6 active, slots 4, 5, 0 offline (block of 3 from 4, wrapping), no other miss.
    t.epoch(6, 3, 4, 0);
    // 5 active (slot 5 left), no outage, all 5 up slots miss: every one of them exactly once.
    t.epoch(5, 0, 0, 5);
    t.endDay(0);
    // Day 1: 4 active, 2 offline from slot 1 (slots 1, 2), 2 independent: slots 3 and 0, the up ones.
    t.epoch(4, 2, 1, 2);
    t.endDay(1);
    const day0 = t.window(0, 0);
    assert.deepEqual(
      day0.map((v) => v.assigned),
      [2, 2, 2, 2, 2, 1],
    );
    assert.deepEqual(
      day0.map((v) => v.included),
      [0, 1, 1, 1, 0, 0],
    );
    const day1 = t.window(1, 1);
    assert.equal(day1.length, 4, "slots 4 and 5 had no duty on day 1");
    assert.deepEqual(
      day1.map((v) => v.included),
      [0, 0, 0, 0],
    );
    const both = t.window(0, 1);
    assert.deepEqual(
      both.map((v) => [v.assigned, v.included]),
      [
        [3, 0],
        [3, 1],
        [3, 1],
        [3, 1],
        [2, 0],
        [1, 0],
      ],
    );
    // A day never closed is not counted.
    assert.equal(t.window(2, 5).length, 0);
  });

  it("never books more misses than up slots, for any draw", () => {
    const rng = createRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(40);
      const t = createValidatorDutyTracker(n, createRandom(trial));
      let misses = 0;
      for (let e = 0; e < 30; e++) {
        const offline = rng.int(n + 1);
        const independent = rng.int(n - offline + 1);
        misses += offline + independent;
        t.epoch(n, offline, rng.int(n), independent);
      }
      t.endDay(0);
      const w = t.window(0, 0);
      assert.equal(w.length, n);
      let booked = 0;
      for (const v of w) {
        assert.equal(v.assigned, 30);
        assert.ok(v.included >= 0 && v.included <= 30, `included ${v.included}`);
        booked += v.assigned - v.included;
      }
      assert.equal(booked, misses);
    }
  });
});

describe("the operator simulator's per-validator duties", () => {
  it("add up to its aggregates on every whole day, and leave the aggregates as they were", () => {
    let checkedDays = 0;
    let withMisses = 0;
    for (let i = 0; i < 12; i++) {
      const rng = createRandom(500 + i);
      const operator = {
        ...sampleOperator({ rng, operatorId: `v${i}`, profile: "community" }),
        validators: 3 + 7 * i,
        badness: 2,
      };
      const run = (validatorSeed: number) =>
        simulateOperator({
          rng: createRandom(500 + i),
          operator,
          startEpoch: 100_010,
          days: 20,
          incidents: [],
          validatorRng: createRandom(validatorSeed),
        });
      const sim = run(1);
      assert.deepEqual(
        run(2).aggregates,
        sim.aggregates,
        "the validator stream moves no aggregate",
      );
      // Days wholly inside the timeline: 100,010 is mid-day 444, so days 445..463.
      for (let day = 445; day <= 463; day++) {
        const epochs = sim.aggregates.filter((a) => Math.floor(a.epoch / EPOCHS_PER_DAY) === day);
        assert.equal(epochs.length, EPOCHS_PER_DAY);
        const duties = epochs.reduce((s, a) => s + a.attestations.duties, 0);
        const misses = epochs.reduce((s, a) => s + a.attestations.sourceMisses, 0);
        const w = sim.validatorDuties.window(day, day);
        assert.equal(
          w.reduce((s, v) => s + v.assigned, 0),
          duties,
        );
        assert.equal(
          w.reduce((s, v) => s + v.assigned - v.included, 0),
          misses,
        );
        checkedDays++;
        if (misses > 0) withMisses++;
      }
    }
    assert.equal(checkedDays, 12 * 19);
    assert.ok(withMisses > 100, `days with misses: ${withMisses}`);
  });
});
