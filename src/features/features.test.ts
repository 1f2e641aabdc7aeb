import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  attestationEffectiveness,
  correlationIndex,
  FeatureError,
  logRate,
  missRates,
  proposalMissRate,
  performanceGap,
  underThresholdShare,
  csmWindowDays,
  shrinkRate,
  summarizeWindow,
  syncParticipation,
  type EpochAggregate,
} from "./index.js";

/** A perfect epoch of `n` validators with 100 gwei ideal per flag, overridable per field. */
function agg(
  epoch: number,
  n: number,
  over: { att?: Partial<EpochAggregate["attestations"]> } & Partial<
    Omit<EpochAggregate, "attestations">
  > = {},
): EpochAggregate {
  const { att, ...rest } = over;
  return {
    epoch,
    activeValidators: n,
    attestations: {
      duties: n,
      sourceEarned: 100 * n,
      sourceIdeal: 100 * n,
      targetEarned: 100 * n,
      targetIdeal: 100 * n,
      headEarned: 100 * n,
      headIdeal: 100 * n,
      inactivityPenalty: 0,
      sourceMisses: 0,
      targetMisses: 0,
      headMisses: 0,
      ...att,
    },
    proposals: { duties: 0, produced: 0 },
    sync: { duties: 0, participated: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 32e9 * n,
    exitedValidators: 0,
    ...rest,
  };
}

const close = (a: number | undefined, b: number, eps = 1e-12) =>
  assert.ok(a !== undefined && Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe("summarizeWindow", () => {
  it("sums only the epochs inside the window and counts correlated misses per epoch", () => {
    const s = summarizeWindow({
      toEpoch: 11,
      epochs: 2,
      aggregates: [
        agg(5, 10, { att: { sourceMisses: 10 } }), // outside the window
        agg(10, 10, { att: { sourceMisses: 2, sourceEarned: 600 } }), // 2 of 10 together: correlated
        agg(11, 8, { att: { sourceMisses: 1 }, exitedValidators: 2 }), // a lone miss
      ],
    });
    assert.equal(s.fromEpoch, 10);
    assert.equal(s.attestations.duties, 18);
    assert.equal(s.attestations.sourceMisses, 3);
    assert.equal(s.attestations.sourceEarned, 600 + 800);
    assert.equal(s.correlatedMisses, 2);
    // 2 correlated of 3 misses, shrunk by 8 prior misses: two validators once is weak evidence.
    close(correlationIndex(s), 2 / 11);
    // The lone miss (1 of 8) is not a peak: only misses together count.
    close(s.maxMissingShare, 0.2);
    assert.equal(s.maxActiveValidators, 10);
    assert.equal(s.lastActiveValidators, 8);
    assert.equal(s.exitedValidators, 2);
  });

  it("needs at least 10% of the validators missing together for a correlated epoch", () => {
    // 30 of 400 is 7.5%: many validators, but under the 10% share.
    const s = summarizeWindow({
      toEpoch: 1,
      epochs: 1,
      aggregates: [agg(1, 400, { att: { sourceMisses: 30 } })],
    });
    assert.equal(s.correlatedMisses, 0);
    assert.equal(correlationIndex(s), 0);
    assert.equal(s.maxMissingShare, 0);
  });

  it("gives one or two validators sane peak shares: a lone miss is 0, both of two together 1", () => {
    const solo = summarizeWindow({
      toEpoch: 2,
      epochs: 2,
      aggregates: [agg(1, 1, { att: { sourceMisses: 1 } }), agg(2, 1)],
    });
    assert.equal(solo.maxMissingShare, 0);
    assert.equal(correlationIndex(solo), 0);
    const pair = summarizeWindow({
      toEpoch: 2,
      epochs: 2,
      aggregates: [
        agg(1, 2, { att: { sourceMisses: 2 } }),
        agg(2, 2, { att: { sourceMisses: 1 } }),
      ],
    });
    assert.equal(pair.maxMissingShare, 1);
    close(correlationIndex(pair), 2 / (3 + 8));
  });

  it("rejects aggregates that break the contract with a coded error", () => {
    assert.throws(
      () =>
        summarizeWindow({
          toEpoch: 1,
          epochs: 1,
          aggregates: [agg(1, 2, { att: { headMisses: 3 } })],
        }),
      (e: unknown) => e instanceof FeatureError && e.code === "FEATURES_INVALID_AGGREGATE",
    );
    assert.throws(
      () => summarizeWindow({ toEpoch: 1, epochs: 0, aggregates: [] }),
      (e: unknown) => e instanceof FeatureError && e.code === "FEATURES_INVALID_WINDOW",
    );
  });
});

describe("attestationEffectiveness", () => {
  it("weights attest:propose:sync 54:8:2 over the duties present", () => {
    // Attestations 2700/3000 = 0.9; proposals 0/1 (unpriced, counts); sync 16/32 = 0.5.
    const a = agg(1, 10, {
      att: { headEarned: 700 },
      proposals: { duties: 1, produced: 0 },
      sync: { duties: 32, participated: 16 },
    });
    const s = summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [a] });
    close(attestationEffectiveness(s), (54 * 0.9 + 8 * 0 + 2 * 0.5) / 64);
    // Attestations only: the weights renormalise to 54/54.
    close(
      attestationEffectiveness(
        summarizeWindow({
          toEpoch: 1,
          epochs: 1,
          aggregates: [agg(1, 10, { att: { headEarned: 700 } })],
        }),
      ),
      0.9,
    );
  });

  it("uses proposal rewards when every duty is priced, counts otherwise", () => {
    const priced = agg(1, 10, { proposals: { duties: 2, produced: 2, earned: 50, ideal: 100 } });
    close(
      attestationEffectiveness(summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [priced] })),
      (54 * 1 + 8 * 0.5) / 62,
    );
    const unpriced = agg(2, 10, { proposals: { duties: 2, produced: 1 } });
    // One epoch without rewards: fall back to produced/duties = 3/4 over the whole window.
    close(
      attestationEffectiveness(
        summarizeWindow({ toEpoch: 2, epochs: 2, aggregates: [priced, unpriced] }),
      ),
      (54 * 1 + 8 * 0.75) / 62,
    );
  });

  it("sums over the window before dividing", () => {
    // Epoch 1 earns nothing of 300 ideal; epoch 2 earns all 2700: 2700/3000 = 0.9 (a mean of ratios would say 0.5).
    const e1 = agg(1, 1, { att: { sourceEarned: 0, targetEarned: 0, headEarned: 0 } });
    const e2 = agg(2, 9);
    close(
      attestationEffectiveness(summarizeWindow({ toEpoch: 2, epochs: 2, aggregates: [e1, e2] })),
      0.9,
    );
  });

  it("counts missed-flag penalties and the inactivity leak against the operator", () => {
    // source −100, target −100, head 0, inactivity 50 of ideal 300: (−250)/300.
    const a = agg(1, 1, {
      att: { sourceEarned: -100, targetEarned: -100, headEarned: 0, inactivityPenalty: 50 },
    });
    close(
      attestationEffectiveness(summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [a] })),
      -250 / 300,
    );
  });

  it("is undefined without duties", () => {
    assert.equal(
      attestationEffectiveness(summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [] })),
      undefined,
    );
  });
});

describe("rates", () => {
  const s = summarizeWindow({
    toEpoch: 2,
    epochs: 2,
    aggregates: [
      agg(1, 10, {
        att: { headMisses: 3, targetMisses: 2, sourceMisses: 1 },
        proposals: { duties: 3, produced: 2 },
        sync: { duties: 64, participated: 60 },
      }),
      agg(2, 10, {
        att: { headMisses: 1 },
        proposals: { duties: 1, produced: 1 },
        sync: { duties: 64, participated: 64 },
      }),
    ],
  });
  it("miss rates per duty", () =>
    assert.deepEqual(missRates(s), { head: 4 / 20, target: 2 / 20, source: 1 / 20 }));
  it("proposal miss rate", () => close(proposalMissRate(s), 1 / 4));
  it("sync participation", () => close(syncParticipation(s), 124 / 128));
  it("undefined without duties", () => {
    const empty = summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [] });
    assert.equal(missRates(empty), undefined);
    assert.equal(proposalMissRate(empty), undefined);
    assert.equal(syncParticipation(empty), undefined);
  });
  it("logRate maps [0, 1] to [-4, 0]", () => {
    close(logRate(0), -4);
    close(logRate(0.0099), -2);
    close(logRate(5), 0);
    close(logRate(-1), -4);
  });
});

describe("performance against the network", () => {
  it("the gap is how far under the network's performance, 0 above it", () => {
    close(performanceGap(0.94, 0.999), 0.059);
    assert.equal(performanceGap(1, 0.999), 0);
  });

  it("Lido CSM's rule per validator: the share under the network's performance − 0.05", () => {
    const v = (included: number) => ({ assigned: 1000, included });
    // The line is 0.949: 940 and 948 are under it, 949 and 1000 are not; no duty, not counted.
    const validators = [v(940), v(948), v(949), v(1000), { assigned: 0, included: 0 }];
    close(underThresholdShare({ validators, networkPerformance: 0.999 }), 2 / 4);
    assert.equal(underThresholdShare({ validators: [], networkPerformance: 0.999 }), 0);
    close(underThresholdShare({ validators, networkPerformance: 0.999, leeway: 0.1 }), 0);
  });

  it("the CSM rule's days: every epoch inside the 30-day window, so later epochs never change them", () => {
    // A window ending with a day: its 30 days.
    assert.deepEqual(csmWindowDays(30 * 225 - 1), { fromDay: 0, toDay: 29 });
    // One epoch into day 30: day 0 is no longer whole inside it and day 30 not yet whole.
    assert.deepEqual(csmWindowDays(30 * 225), { fromDay: 1, toDay: 29 });
    // The last epoch of day 30 completes it.
    assert.deepEqual(csmWindowDays(31 * 225 - 1), { fromDay: 1, toDay: 30 });
  });
});

describe("shrinkRate (Beta-binomial toward the network)", () => {
  it("pulls little evidence toward the prior and leaves much evidence alone", () => {
    // One miss in a day of one validator (225 duties) against a network at 1e-3 with 1,575 prior duties.
    close(shrinkRate({ events: 1, trials: 225, prior: 1e-3, priorTrials: 1575 }), 2.575 / 1800);
    // 10,000 validators missing 1%: the prior barely moves it.
    const big = shrinkRate({ events: 22_500, trials: 2_250_000, prior: 1e-3, priorTrials: 1575 });
    assert.ok(Math.abs(big - 0.01) < 1e-5, `${big}`);
    assert.equal(shrinkRate({ events: 0, trials: 0, prior: 2e-3, priorTrials: 4 }), 2e-3);
  });
});
