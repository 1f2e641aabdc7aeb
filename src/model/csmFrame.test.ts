import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  computeFeatures,
  type EpochAggregate,
  type OperatorEpochAggregate,
} from "../features/index.js";
import { createScorer } from "../scoring/index.js";
import { projectRoot, sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { emptyAttestationAggregate } from "../features/index.js";

const CSM_FILE = "lido_csm_frame_perf_log_epochs320415-326714.csv";
const FRAME = { from: 320_415, to: 326_714 };
/** CSM's line for this frame (../shared/data/README.md): 9 of 1,225 validators fall under it. */
const FRAME_THRESHOLD = 0.947;
/** Spec rewards at ~1M validators of 32 ETH: base reward 11,424 gwei; source/target/head 14/26/14 of 64. */
const IDEAL = { source: 2_499, target: 4_641, head: 2_499 };

type Validator = { operatorId: string; assigned: number; included: number };

/**
 * The frame as stored aggregates. The frame log holds only per-validator totals, so each
 * validator's duties are spread evenly over the frame's epochs and its misses evenly over its
 * duties: the 1-, 7- and 30-day rates then all equal the frame's rate (timing is not in the data).
 */
function frameAggregates(validators: readonly Validator[]): {
  operators: Map<string, OperatorEpochAggregate[]>;
  network: EpochAggregate[];
} {
  const epochs = FRAME.to - FRAME.from + 1;
  const empty = (epoch: number, active: number): EpochAggregate => ({
    epoch,
    activeValidators: active,
    attestations: emptyAttestationAggregate(),
    proposals: { duties: 0, produced: 0 },
    sync: { duties: 0, participated: 0 },
    balanceDeltaGwei: 0,
    effectiveBalanceGwei: active * 32e9,
    exitedValidators: 0,
  });
  const sizes = new Map<string, number>();
  for (const v of validators) sizes.set(v.operatorId, (sizes.get(v.operatorId) ?? 0) + 1);
  const operators = new Map<string, OperatorEpochAggregate[]>();
  for (const [id, n] of sizes)
    operators.set(
      id,
      Array.from({ length: epochs }, (_, k) => ({ ...empty(FRAME.from + k, n), operatorId: id })),
    );
  const network = Array.from({ length: epochs }, (_, k) =>
    empty(FRAME.from + k, validators.length),
  );
  for (const v of validators) {
    const missed = v.assigned - v.included;
    for (let d = 0; d < v.assigned; d++) {
      const k = Math.floor((d * epochs) / v.assigned);
      const miss =
        Math.floor(((d + 1) * missed) / v.assigned) > Math.floor((d * missed) / v.assigned);
      for (const a of [operators.get(v.operatorId)![k], network[k]]) {
        const at = a.attestations;
        at.duties += 1;
        at.sourceIdeal += IDEAL.source;
        at.targetIdeal += IDEAL.target;
        at.headIdeal += IDEAL.head;
        const earned = miss
          ? -IDEAL.source - IDEAL.target
          : IDEAL.source + IDEAL.target + IDEAL.head;
        at.sourceEarned += miss ? -IDEAL.source : IDEAL.source;
        at.targetEarned += miss ? -IDEAL.target : IDEAL.target;
        at.headEarned += miss ? 0 : IDEAL.head;
        if (miss) {
          at.sourceMisses += 1;
          at.targetMisses += 1;
          at.headMisses += 1;
        }
        a.balanceDeltaGwei += earned;
      }
    }
  }
  return { operators, network };
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe(
  "real data: the Lido CSM frame through the features and the shipped model",
  skipUnlessShared("data", CSM_FILE),
  () => {
    it("ranks the operators with a validator under the frame's threshold at the top, and follows the shortfall", async (t) => {
      const rows = readFileSync(sharedPath("data", CSM_FILE)!, "utf8").trim().split("\n").slice(1);
      const validators = rows.map((row) => {
        const c = row.split(",");
        return { operatorId: `csm-${c[2]}`, assigned: Number(c[6]), included: Number(c[7]) };
      });
      assert.equal(validators.length, 1_225);
      const { operators, network } = frameAggregates(validators);
      assert.equal(operators.size, 182);
      const features = computeFeatures({ operators, network, atEpoch: FRAME.to });
      const scorer = await createScorer({
        modelPath: path.join(projectRoot, "models/operator-risk.onnx"),
      });
      const scores = await scorer.scoreOperators(features);
      const byId = new Map(scores.map((s) => [s.operatorId, s.probability]));
      const under = new Set(
        validators
          .filter((v) => v.included / v.assigned < FRAME_THRESHOLD)
          .map((v) => v.operatorId),
      );
      const ids = [...operators.keys()];
      const shortfall = ids.map((id) => {
        const vs = validators.filter((v) => v.operatorId === id);
        return 1 - vs.reduce((a, v) => a + v.included, 0) / vs.reduce((a, v) => a + v.assigned, 0);
      });
      const p = ids.map((id) => byId.get(id)!);
      const top = [...ids].sort((a, b) => byId.get(b)! - byId.get(a)!).slice(0, under.size);
      const rho = spearman(p, shortfall);
      t.diagnostic(
        `operators under ${FRAME_THRESHOLD}: ${under.size}; of them in the top ${under.size} scores: ${top.filter((id) => under.has(id)).length}; Spearman(score, shortfall) = ${rho.toFixed(3)}`,
      );
      assert.equal(under.size, 5);
      assert.deepEqual(new Set(top), under);
      // ofv1's logistic model followed the shortfall at 0.954; the ofv2 MLP at 0.535: among the
      // operators that performed well its score is led by size (the label counts one missed
      // proposal of a one-validator operator, 14 bp, as a severe loss) and the frame has no head
      // votes, so every operator reads late_head_log_30d = −4, a value no simulated operator has
      // (docs/model.md, "Real-data checks"). The bar records that regression; it is not a target.
      assert.ok(rho > 0.5, `Spearman ${rho}`);
    });
  },
);
