import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  computeFeatures,
  csmWindowDays,
  EPOCHS_PER_DAY,
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_SPECS,
  FEATURE_VERSION,
  type NetworkEpochAggregate,
  type OperatorEpochAggregate,
  type ValidatorDuties,
  WINDOWS,
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

/**
 * Each validator's duties over the window's whole days, as ingestion stores them: in every epoch
 * the operator's first `sourceMisses` validators are the ones that missed.
 */
function dutiesOf(xs: readonly OperatorEpochAggregate[]): ValidatorDuties[] {
  const { fromDay, toDay } = csmWindowDays(AT);
  const out: ValidatorDuties[] = [];
  for (const x of xs) {
    const day = Math.floor(x.epoch / EPOCHS_PER_DAY);
    if (day < fromDay || day > toDay || x.epoch > AT) continue;
    for (let i = 0; i < x.activeValidators; i++) {
      out[i] ??= { assigned: 0, included: 0 };
      out[i].assigned++;
      if (i >= x.attestations.sourceMisses) out[i].included++;
    }
  }
  return out;
}

/** computeFeatures at AT with each operator's per-validator duties derived as above. */
const featuresOf = (ops: Map<string, OperatorEpochAggregate[]>, net = network) =>
  computeFeatures({
    operators: ops,
    network: net,
    validatorDuties: new Map([...ops].map(([id, xs]) => [id, dutiesOf(xs)])),
    atEpoch: AT,
  });

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
  const [a, b, c] = featuresOf(operators);

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
    // Epoch 9990 earned 200 of 1,200, a shortfall of 1,000 gwei. Over 30 days (ideal
    // 6,750·1,200) that is 1000/8,100,000 of 27,000 duties, shrunk with 1,575 prior duties toward
    // the network's 0; the last day (ideal 225·1,200 = 270,000) is shrunk toward that month.
    const month = ((1000 / 8_100_000) * 27_000) / (27_000 + 1575);
    close(f.eff_shortfall_log_30d, Math.log10(month + 1e-4));
    close(
      f.eff_shortfall_log_1d,
      Math.log10(((1000 / 270_000) * 900 + 1575 * month) / (900 + 1575) + 1e-4),
    );
    const headMonth = 2 / (27_000 + 1575);
    close(f.head_miss_log_7d, Math.log10((2 + 1575 * headMonth) / (4 * 1575 + 1575) + 1e-4));
    close(f.correlation_30d, 2 / (2 + 8));
    close(f.max_missing_share_30d, 0.5);
    // Its misses were downtime (every flag missed): no late head votes.
    close(f.late_head_per_included_log_30d, -4);
    // The network missed nothing: a's two misses are its gap.
    close(f.perf_gap_log_30d, Math.log10(2 / (27_000 + 1575) + 1e-4));
    close(f.validators_log, Math.log10(5));
    // No proposer duty: the network's miss rate (0). No sync duty anywhere: participation 1.
    close(f.proposal_miss_30d, 0);
    close(f.sync_miss_log_30d, -4);
  });

  it("operator b: independent misses of a lone validator, under the CSM threshold", () => {
    const f = byName(b.values);
    // Over the window's 29 whole days (epochs 3375..9899) 652 of 6,525 epochs end in 0: perf
    // 0.900, under the network's 1 − 0.05, so its one validator (all of them) is under the line.
    close(f.under_threshold_30d, 1);
    close(f.perf_gap_log_30d, Math.log10(675 / (6750 + 1575) + 1e-4));
    // Its last day (23 misses of 500 gwei in a 67,500 gwei ideal) is thin evidence, shrunk toward
    // its own month (675 misses) rather than the network's clean one: it reads −0.86, the month
    // it belongs to, where a network prior read it as −1.67, a healthy key's bad day.
    const month = ((337_500 / 2_025_000) * 6750) / (6750 + 1575);
    const day = (11_500 / 67_500) * 225;
    close(f.eff_shortfall_log_1d, Math.log10((day + 1575 * month) / (225 + 1575) + 1e-4));
    assert.ok(f.eff_shortfall_log_1d > Math.log10(day / (225 + 1575) + 1e-4) + 0.8);
    // One validator can never miss "together": no correlation and no peak (ofv1 said 1).
    close(f.correlation_30d, 0);
    close(f.max_missing_share_30d, 0);
    // Epochs 8430..10000 step 10, shrunk toward its own month (675 of 6,750, itself shrunk
    // toward the network's 0), not the network's: the week reads as the month it belongs to.
    const sourceMonth = 675 / (6750 + 1575);
    close(f.source_miss_log_7d, Math.log10((158 + 1575 * sourceMonth) / (1575 + 1575) + 1e-4));
  });

  it("applies the CSM rule per validator: one key far under the line among twelve reads 1/12", () => {
    // Validator 0 of 12 misses every fifth epoch (performance 0.8); the operator's own
    // performance, 1 − 0.2/12 ≈ 0.983, is above the network's 1 − 0.05, so a rule applied to the
    // operator (ofv3) read 0.
    const one = new Map([["k", series("k", 12, (e) => (e % 5 === 0 ? 1 : 0))]]);
    const f = byName(featuresOf(one)[0].values);
    close(f.under_threshold_30d, 1 / 12);
    const half = new Map([["h", series("h", 12, (e) => (e % 5 === 0 ? 6 : 0))]]);
    close(byName(featuresOf(half)[0].values).under_threshold_30d, 6 / 12);
  });

  it("operator c: perfect", () => {
    const f = byName(c.values);
    for (const name of ["eff_shortfall_log_30d", "head_miss_log_7d", "perf_gap_log_30d"])
      close(f[name], -4);
    close(f.under_threshold_30d, 0);
  });

  it("one miss of a one-validator operator is not read as an outage", () => {
    const solo = new Map([["s", series("s", 1, (e) => (e === AT ? 1 : 0))]]);
    const f = byName(featuresOf(solo)[0].values);
    // The miss costs 500 of the day's 67,500 gwei ideal: raw, log10(0.0074) ≈ −2.1, an outage-like
    // reading; shrunk with a validator-week of prior duties toward its otherwise clean month
    // (500 of 6,750·300 gwei, itself shrunk toward the network's 0), about an eighth of that.
    const month = ((500 / 2_025_000) * 6750) / (6750 + 1575);
    close(
      f.eff_shortfall_log_1d,
      Math.log10(((500 / 67_500) * 225 + 1575 * month) / (225 + 1575) + 1e-4),
    );
    assert.ok(f.eff_shortfall_log_1d < -2.9, `${f.eff_shortfall_log_1d}`);
    close(f.head_miss_log_7d, Math.log10((1 + 1575 / (6750 + 1575)) / (1575 + 1575) + 1e-4));
    assert.equal(f.max_missing_share_30d, 0);
  });

  it("counts head votes missed with the target right as late heads", () => {
    const late = series("l", 10, () => 0).map((x) =>
      x.epoch % 2 === 0 ? { ...x, attestations: { ...x.attestations, headMisses: 1 } } : x,
    );
    const f = byName(featuresOf(new Map([["l", late]]))[0].values);
    // 3,375 late heads of 67,500 included attestations, shrunk with 1,575 prior ones toward the
    // network's 0.
    close(f.late_head_per_included_log_30d, Math.log10(3375 / (67_500 + 1575) + 1e-4));
    close(f.source_miss_log_7d, -4);
  });

  it("counts late heads per included attestation: downtime does not lower them", () => {
    // One head vote in ten late, the network's one in fifty (no target miss in either).
    const withLateHeads = <T extends NetworkEpochAggregate>(xs: T[], perEpoch: number) =>
      xs.map((x) => ({ ...x, attestations: { ...x.attestations, headMisses: perEpoch } }));
    const lateNetwork = withLateHeads(network, 20);
    const offlineFor = (epochs: number) =>
      withLateHeads(
        series("l", 10, () => 0),
        1,
      ).map((x) => (x.epoch > AT - epochs ? epoch("l", x.epoch, 10, 10) : x));
    const late = (epochs: number) =>
      byName(featuresOf(new Map([["l", offlineFor(epochs)]]), lateNetwork)[0].values)
        .late_head_per_included_log_30d;
    const prior = 20 / 1000;
    // Up all month: 6,750 late of 67,500 included, shrunk with 1,575 included toward 2%.
    close(late(0), Math.log10((6750 + 1575 * prior) / (67_500 + 1575) + 1e-4));
    // Offline the last 7 days: 5,175 late of the 51,750 attestations included before. Per duty
    // (ofv2) the week offline would have lowered it by log10(23/30) ≈ −0.115.
    const week = WINDOWS["7d"];
    close(late(week), Math.log10((5175 + 1575 * prior) / (51_750 + 1575) + 1e-4));
    assert.ok(Math.abs(late(week) - late(0)) < 0.005, `${late(week)} vs ${late(0)}`);
    // Offline all month: no included attestation, no evidence of latency: the network's rate,
    // not 0 late heads (ofv2: −3.25, better latency than any operator that attested).
    close(late(WINDOWS["30d"]), Math.log10(prior + 1e-4));
  });

  it("does not depend on which other operators are in the batch", () => {
    const alone = featuresOf(new Map([["b", operators.get("b")!]]));
    assert.deepEqual(alone[0].values, b.values);
  });

  it("ignores data after the scoring epoch", () => {
    const later = new Map(
      [...operators].map(([id, xs]) => [
        id,
        [...xs, ...series(id, 3, () => 3, AT + 500).filter((x) => x.epoch > AT)],
      ]),
    );
    const again = featuresOf(later);
    assert.deepEqual(
      again.map((v) => v.values),
      [a, b, c].map((v) => v.values),
    );
  });
});
