import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  attestationEffectiveness,
  attestationPerformance,
  balanceGrowthGap,
  correlationIndex,
  FeatureError,
  logRate,
  medianPerformance,
  missRates,
  proposalMissRate,
  relativePerformance,
  slashingHistory,
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
    close(correlationIndex(s), 2 / 3);
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
  it("CSM performance = included / assigned", () => close(attestationPerformance(s), 19 / 20));
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

describe("relative performance (CSM style)", () => {
  it("flags under median − 0.05", () => {
    const under = relativePerformance({ performance: 0.94, reference: 0.999 });
    close(under.shortfall, 0.059);
    assert.equal(under.underThreshold, true);
    const over = relativePerformance({ performance: 0.95, reference: 0.999 });
    close(over.shortfall, 0.049);
    assert.equal(over.underThreshold, false);
    assert.equal(relativePerformance({ performance: 1, reference: 0.999 }).shortfall, 0);
  });
  it("median skips operators without duties", () => {
    close(medianPerformance([0.9, undefined, 0.99, 0.95, 1]), 0.97);
    close(medianPerformance([0.9, 0.99, 0.95]), 0.95);
    assert.equal(medianPerformance([undefined]), undefined);
  });
});

describe("slashingHistory", () => {
  const events = [
    { epoch: 1000, validatorIndex: 1, operatorId: "a", kind: "attester" as const },
    { epoch: 1100, validatorIndex: 2, operatorId: "a", kind: "attester" as const },
    { epoch: 1300, validatorIndex: 3, operatorId: "a", kind: "proposer" as const },
    { epoch: 1301, validatorIndex: 9, operatorId: "b", kind: "attester" as const },
    { epoch: 5000, validatorIndex: 4, operatorId: "a", kind: "attester" as const },
  ];
  it("counts only the operator's past events: count, recency, one-day cluster", () => {
    const h = slashingHistory({ events, operatorId: "a", atEpoch: 2000 });
    assert.equal(h.count, 3);
    // 1000..1100 and 1100..1300 are each within 225 epochs; 1000..1300 is not.
    assert.equal(h.largestCluster, 2);
    close(h.recency, Math.exp(-700 / 225 / 90));
  });
  it("never sees a future slashing", () => {
    assert.deepEqual(slashingHistory({ events, operatorId: "a", atEpoch: 999 }), {
      count: 0,
      recency: 0,
      largestCluster: 0,
    });
  });
});

describe("balanceGrowthGap", () => {
  it("annualised percentage points of per-epoch growth", () => {
    const op = summarizeWindow({
      toEpoch: 1,
      epochs: 1,
      aggregates: [agg(1, 1, { balanceDeltaGwei: 100, effectiveBalanceGwei: 1e6 })],
    });
    const net = summarizeWindow({
      toEpoch: 1,
      epochs: 1,
      aggregates: [agg(1, 1, { balanceDeltaGwei: 50, effectiveBalanceGwei: 1e6 })],
    });
    close(balanceGrowthGap({ operator: op, network: net }), 5e-5 * 82_125 * 100, 1e-9);
    const empty = summarizeWindow({ toEpoch: 1, epochs: 1, aggregates: [] });
    assert.equal(balanceGrowthGap({ operator: empty, network: net }), undefined);
  });
});
