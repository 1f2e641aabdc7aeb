import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  computeFeatures,
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_SPECS,
  FEATURE_VERSION,
  type NetworkEpochAggregate,
  type OperatorEpochAggregate,
} from "./index.js";

const AT = 10_000;
const FROM = AT - 6750 + 1;

function epoch(operatorId: string, e: number, n: number, missing: number): OperatorEpochAggregate {
  return {
    operatorId,
    epoch: e,
    activeValidators: n,
    attestations: {
      duties: n,
      // A validator that misses everything loses its source and target reward (−100 each) and earns no head reward.
      sourceEarned: 100 * (n - 2 * missing),
      sourceIdeal: 100 * n,
      targetEarned: 100 * (n - 2 * missing),
      targetIdeal: 100 * n,
      headEarned: 100 * (n - missing),
      headIdeal: 100 * n,
      inactivityPenalty: 0,
      sourceMisses: missing,
      targetMisses: missing,
      headMisses: missing,
    },
    proposals: { duties: 0, produced: 0 },
    sync: { duties: 0, participated: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: 32e9 * n,
    exitedValidators: 0,
  };
}

function series(
  id: string,
  n: number,
  missing: (e: number) => number,
  to = AT,
): OperatorEpochAggregate[] {
  const out: OperatorEpochAggregate[] = [];
  for (let e = FROM; e <= to; e++) out.push(epoch(id, e, n, missing(e)));
  return out;
}

const network: NetworkEpochAggregate[] = series("network", 1000, () => 0).map(
  ({ operatorId: _, ...rest }) => ({ ...rest, proposals: { duties: 1, produced: 1 } }),
);

const operators = new Map([
  ["a", series("a", 4, (e) => (e === 9990 ? 2 : 0))], // one correlated outage of 2 of its 4 validators
  ["b", series("b", 1, (e) => (e % 10 === 0 ? 1 : 0))], // a lone validator missing every tenth epoch
  ["c", series("c", 2, () => 0)], // perfect
]);

const byName = (values: number[]) =>
  Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, values[i]]));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≉ ${b}`);

describe("computeFeatures (hand-computed batch)", () => {
  const [a, b, c] = computeFeatures({ operators, network, slashings: [], atEpoch: AT });

  it("names its version and keeps the spec's order and bounds", () => {
    for (const v of [a, b, c]) {
      assert.equal(v.version, FEATURE_VERSION);
      assert.equal(v.values.length, FEATURE_COUNT);
      for (const [i, x] of v.values.entries())
        assert.ok(x >= FEATURE_SPECS[i].lo && x <= FEATURE_SPECS[i].hi, `${FEATURE_NAMES[i]}=${x}`);
    }
  });

  it("operator a: one correlated outage", () => {
    const f = byName(a.values);
    // Last day: ideal 225·4·300 = 270,000 gwei; epoch 9990 earned 200 of 1,200, a shortfall of 1,000.
    close(f.eff_shortfall_log_1d, Math.log10(1000 / 270_000 + 1e-4));
    close(f.head_miss_log_7d, Math.log10(2 / (4 * 1575) + 1e-4));
    close(f.correlation_30d, 1);
    close(f.max_missing_share_30d, 0.5);
    // a is the median operator, so it has no performance gap.
    close(f.perf_gap_log_30d, -4);
    close(f.validators_log, Math.log10(5));
    close(f.network_share_log, Math.log10(1 + 40)); // 4 of 1,000 validators = 40 bp
    // No proposer duty: the network's miss rate (0). No sync duty anywhere: participation 1.
    close(f.proposal_miss_30d, 0);
    close(f.sync_miss_log_30d, -4);
    close(f.balance_gap_symlog_30d, 0);
  });

  it("operator b: independent misses, under the CSM threshold", () => {
    const f = byName(b.values);
    // 675 of 6,750 epochs end in 0 → perf 0.9; median is a's perf 1 − 2/27,000.
    const median = 1 - 2 / 27_000;
    close(f.perf_gap_log_30d, Math.log10(median - 0.9 + 1e-4));
    close(f.under_threshold_30d, 1);
    close(f.correlation_30d, 0); // one validator can never miss "together"
    close(f.max_missing_share_30d, 1);
    close(f.source_miss_log_7d, Math.log10(158 / 1575 + 1e-4)); // epochs 8430..10000 step 10
  });

  it("operator c: perfect", () => {
    const f = byName(c.values);
    for (const name of ["eff_shortfall_log_30d", "head_miss_log_7d", "perf_gap_log_7d"])
      close(f[name], -4);
    close(f.under_threshold_30d, 0);
  });

  it("ignores data after the scoring epoch", () => {
    const later = new Map(
      [...operators].map(([id, xs]) => [
        id,
        [...xs, ...series(id, 3, () => 3, AT + 500).filter((x) => x.epoch > AT)],
      ]),
    );
    const slashings = [
      { epoch: AT + 1, validatorIndex: 7, operatorId: "a", kind: "attester" as const },
    ];
    const again = computeFeatures({ operators: later, network, slashings, atEpoch: AT });
    assert.deepEqual(
      again.map((v) => v.values),
      [a, b, c].map((v) => v.values),
    );
  });

  it("reads a past slashing", () => {
    const slashings = [
      { epoch: AT - 225 * 90, validatorIndex: 7, operatorId: "b", kind: "attester" as const },
    ];
    const f = byName(computeFeatures({ operators, network, slashings, atEpoch: AT })[1].values);
    close(f.slashed_log, Math.log10(2));
    close(f.slashing_recency, Math.exp(-1));
    close(f.slashing_cluster_log, Math.log10(2));
  });
});
