import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FEATURE_COUNT, FEATURE_NAMES } from "../features/index.js";
import {
  clusterSizeDistribution,
  expectedLoss,
  isqrt,
  operatorLoss,
  poolLoss,
  slashedValidatorLoss,
  slashingIncidence,
  slashingRecord,
  SLASHED_VALIDATORS_PER_VALIDATOR_YEAR,
  stressedLoss,
} from "./index.js";

const ETH = 1_000_000_000n;
const features = (over: Record<string, number>) => {
  const f = Array(FEATURE_COUNT).fill(0);
  for (const [k, v] of Object.entries(over)) f[FEATURE_NAMES.indexOf(k)] = v;
  return f;
};

describe("Electra slashing penalties", () => {
  it("match the spec arithmetic worked by hand at 1,000,000 validators of 32 ETH", () => {
    // Worked from the spec: base reward = 32 × (1e9 × 64 // isqrt(32e15)) = 32 × 357 = 11,424 gwei;
    // per epoch until withdrawable 11,424×14//64 + 11,424×26//64 = 2,499 + 4,641 = 7,140 gwei.
    assert.equal(isqrt(32_000_000n * ETH), 178_885_438n);
    const one = slashedValidatorLoss({ slashedInWindowGwei: 32n * ETH });
    assert.equal(one.initialGwei, 7_812_500n); // 32 ETH / 4,096
    assert.equal(one.untilWithdrawableGwei, 7_140n * 8_192n);
    // 3 × 32 ETH = 96e9 // (32e15 // 1e9) = 3,000 gwei per increment × 32 increments.
    assert.equal(one.correlationGwei, 96_000n);
    assert.equal(one.totalGwei, 7_812_500n + 58_490_880n + 96_000n);
    // RockLogic-like: 11 slashed in the window → 33,000 × 32.
    assert.equal(
      slashedValidatorLoss({ slashedInWindowGwei: 11n * 32n * ETH }).correlationGwei,
      1_056_000n,
    );
  });

  it("caps the correlation penalty at the whole balance when a third of the network is slashed", () => {
    const total = 32_000_000n * ETH;
    const r = slashedValidatorLoss({
      slashedInWindowGwei: total / 3n + ETH,
      totalActiveBalanceGwei: total,
    });
    assert.equal(r.correlationGwei, 32n * ETH);
  });
});

describe("slashing prior", () => {
  it("keeps the public per-validator rate at every operator size; big operators get rarer, larger incidents", () => {
    let previous = 0;
    for (const n of [1, 4, 12, 100, 1_000, 5_700]) {
      const r = slashingIncidence({ validators: n });
      const total = r.clusterSizes.reduce((a, c) => a + c.probability, 0);
      assert.ok(Math.abs(total - 1) < 1e-12, `distribution sums to ${total}`);
      assert.ok(r.clusterSizes.length > 0, `n=${n}: no cluster sizes`);
      assert.ok(r.clusterSizes.every((c) => c.size >= 1 && c.size <= n));
      const perValidator = (r.incidentsPerYear * r.expectedClusterSize) / n;
      assert.ok(
        Math.abs(perValidator - SLASHED_VALIDATORS_PER_VALIDATOR_YEAR) < 1e-12,
        `n=${n}: ${perValidator}`,
      );
      assert.ok(r.expectedClusterSize >= previous);
      previous = r.expectedClusterSize;
    }
    assert.equal(slashingIncidence({ validators: 1 }).expectedClusterSize, 1);
    // A batch incident on a large operator is 5–100 keys: mean (100 − 5) / ln 20 ≈ 31.7.
    const big = clusterSizeDistribution(10_000).filter((c) => c.size > 1);
    const mass = big.reduce((a, c) => a + c.probability, 0);
    const mean = big.reduce((a, c) => a + c.size * c.probability, 0) / mass;
    assert.ok(Math.abs(mean - 95 / Math.log(20)) < 0.5, `batch mean ${mean}`);
  });

  it("treats a recent incident as history: the RockLogic-like operator's 30-day slashing probability stays far below 80%", () => {
    const prior = slashingIncidence({ validators: 5_700 });
    const after = slashingIncidence({
      validators: 5_700,
      history: { incidents: 1, exposureYears: 0.1 },
    });
    assert.ok(after.incidentsPerYear > prior.incidentsPerYear);
    assert.ok(after.incidentsPerYear < 3 * prior.incidentsPerYear);
    const f = features({
      validators_log: Math.log10(5_701),
      eff_shortfall_log_7d: -2,
      eff_shortfall_log_30d: -2,
    });
    const loss = operatorLoss({
      features: f,
      shortfallBps30d: 0.3,
      history: { incidents: 1, exposureYears: 0.1 },
    });
    assert.ok(loss.slashingProbability30d < 0.1, `P = ${loss.slashingProbability30d}`);
  });
});

describe("slashing record", () => {
  it("counts incidents (slashings a day apart), not validators, only up to the scoring epoch, over the observed span", () => {
    const ev = (epoch: number, operatorId = "rock") => ({
      epoch,
      validatorIndex: epoch,
      operatorId,
      kind: "attester" as const,
    });
    // RockLogic-like: 11 keys within 6 slots are one incident; a second one 2 days later; another operator's and a future one ignored.
    const events = [
      ...Array.from({ length: 11 }, () => ev(1_000)),
      ev(1_000 + 2 * 225),
      ev(1_100, "other"),
      ev(9_000),
    ];
    const r = slashingRecord({
      events,
      operatorId: "rock",
      atEpoch: 5_000,
      sinceEpoch: 5_000 - 82_125 + 1,
    });
    assert.equal(r.incidents, 2);
    assert.ok(Math.abs(r.exposureYears - 1) < 1e-12);
    assert.deepEqual(
      slashingRecord({ events, operatorId: "none", atEpoch: 5_000, sinceEpoch: 5_000 }),
      { incidents: 0, exposureYears: 1 / 82_125 },
    );
    // Fed to the loss, the record raises the slashing part without making it a near-certain forecast.
    const f = features({
      validators_log: Math.log10(5_701),
      eff_shortfall_log_7d: -2,
      eff_shortfall_log_30d: -2,
    });
    const before = operatorLoss({ features: f, shortfallBps30d: 0.3 });
    const after = operatorLoss({ features: f, shortfallBps30d: 0.3, history: r });
    assert.ok(after.slashingIncidentsPerYear > before.slashingIncidentsPerYear);
    assert.ok(after.expectedLossBps30d > before.expectedLossBps30d);
    assert.ok(after.slashingProbability30d < 0.2, `P = ${after.slashingProbability30d}`);
  });
});

describe("expected and stressed loss", () => {
  it("prices (a) as the model's expected shortfall and adds the slashing part to it", () => {
    const f = features({ validators_log: Math.log10(101) });
    const low = operatorLoss({ features: f, shortfallBps30d: 0.5 });
    const high = operatorLoss({ features: f, shortfallBps30d: 12 });
    assert.equal(low.shortfallBps30d, 0.5);
    assert.equal(high.shortfallBps30d, 12);
    // The slashing part depends on size and history only: the same for both.
    const slashingLow = low.expectedLossBps30d - low.shortfallBps30d;
    const slashingHigh = high.expectedLossBps30d - high.shortfallBps30d;
    assert.ok(slashingLow > 0, `slashing part ${slashingLow}`);
    assert.ok(Math.abs(slashingLow - slashingHigh) < 1e-12);
    // The prior's expected slashing loss is far below the on-chain score's 1 bp (docs/model.md).
    assert.ok(slashingLow < 1e-3, `slashing part ${slashingLow} bp`);
  });

  it("adds the slashing part from the incidence, the cluster sizes and the Electra loss", () => {
    const r = expectedLoss({
      shortfallBps30d: 1,
      incidentsPerYear: 365.25 / 30,
      clusterSizes: [{ size: 10, probability: 1 }],
      validators: 100,
      backgroundSlashedGwei: 0n,
    });
    // One incident expected in 30 days slashing 10 of 100: 10% of the stake loses the 10-key loss.
    const perValidator =
      Number(slashedValidatorLoss({ slashedInWindowGwei: 320n * ETH }).totalGwei) / 1e9;
    assert.ok(Math.abs(r.slashingEthPer32 - 0.1 * perValidator) < 1e-12);
    assert.ok(Math.abs(r.shortfallEthPer32 - 32e-4) < 1e-15);
    assert.ok(Math.abs(r.bps30d - (r.ethPer32 / 32) * 1e4) < 1e-9);
    assert.ok(Math.abs(r.slashingProbability30d - (1 - Math.exp(-1))) < 1e-12);
  });

  it("stresses a whole-set slashing with the correlation penalty growing with the set", () => {
    const solo = stressedLoss({ validators: 1 }).operator_set_slashed.ethPer32;
    const rock = stressedLoss({ validators: 5_700 }).operator_set_slashed.ethPer32;
    // 5,700 × 32 ETH × 3 = 547.2e12 gwei // 32e6 increments = 17,100,000 gwei per increment × 32.
    const expected =
      Number(slashedValidatorLoss({ slashedInWindowGwei: 0n }).totalGwei + 17_100_000n * 32n) / 1e9;
    assert.ok(Math.abs(rock - expected) < 1e-9, `${rock} vs ${expected}`);
    assert.ok(rock > 2 * solo);
  });

  it("pools add expected losses by stake, and take the worst operator's stressed share", () => {
    const a = operatorLoss({
      features: features({
        validators_log: Math.log10(101),
        eff_shortfall_log_7d: -1,
        eff_shortfall_log_30d: -1,
      }),
      shortfallBps30d: 4,
    });
    const b = operatorLoss({
      features: features({
        validators_log: Math.log10(301),
        eff_shortfall_log_7d: -3,
        eff_shortfall_log_30d: -3,
      }),
      shortfallBps30d: 0.2,
    });
    const pool = poolLoss({
      operators: [
        { operatorId: "a", stakeGwei: 100, loss: a },
        { operatorId: "b", stakeGwei: 300, loss: b },
      ],
    });
    assert.ok(
      Math.abs(
        pool.expectedLossBps30d - (0.25 * a.expectedLossBps30d + 0.75 * b.expectedLossBps30d),
      ) < 1e-9,
    );
    assert.equal(pool.stressedOperatorId, "b");
    assert.ok(Math.abs(pool.stressedBps - 0.75 * b.stressed.operator_set_slashed.bps) < 1e-9);
    assert.deepEqual(poolLoss({ operators: [] }), {
      expectedLossBps30d: 0,
      expectedLossEthPer32: 0,
      stressedBps: 0,
      stakeGwei: 0,
    });
  });
});
