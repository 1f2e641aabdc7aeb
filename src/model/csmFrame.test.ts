import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  computeFeatures,
  type EpochAggregate,
  type OperatorEpochAggregate,
  type ValidatorDuties,
} from "../features/index.js";
import { createScorer, loadModel, referenceForward } from "../scoring/index.js";
import { projectRoot, sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { emptyEpochAggregate } from "../features/index.js";
import { HEAD_EXTRA_MISS_MEDIAN } from "./calibration.js";

const CSM_FILE = "lido_csm_frame_perf_log_epochs320415-326714.csv";
const FRAME = { from: 320_415, to: 326_714 };
/** CSM's line for this frame (../shared/data/README.md): 9 of 1,225 validators fall under it. */
const FRAME_THRESHOLD = 0.947;
/**
 * Operators of at least this many validators carry the Spearman bar: a one-validator operator's
 * 7-day record weighs as much as the network's prior (one validator-week) and its day an eighth,
 * so its frame shortfall is rightly weaker evidence than the same shortfall of several keys.
 */
const MIN_VALIDATORS = 2;
/** Spec rewards at ~1M validators of 32 ETH: base reward 11,424 gwei; source/target/head 14/26/14 of 64. */
const IDEAL = { source: 2_499, target: 4_641, head: 2_499 };

type Validator = { operatorId: string; index: number; assigned: number; included: number };

/** Golden-ratio step: validator indices map to phases spread evenly over [0, 1). */
const PHASE_STEP = (Math.sqrt(5) - 1) / 2;

/** `count` of `n` positions, spread evenly from a phase in [0, 1). */
function spread(count: number, n: number, phase: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, i) => Math.floor(((i + phase) * n) / count)));
}

/**
 * The frame as stored aggregates. The log holds per-validator totals only, so:
 * - each validator attests once an epoch in the frame's last `assigned` epochs, as a validator
 *   activated during the frame would (the most active one has 5,890 duties: the oracle counted
 *   that many of the frame's 6,300 epochs). Spreading a key's duties over the whole frame, as the
 *   first version did, made impossible epochs where a twelve-key operator had two duties, both
 *   missed, and read them as all of its keys missing together (max_missing_share_30d 1).
 * - its misses fall evenly over its duties, from a phase of its own (its index times the golden
 *   ratio): their timing is not in the data, so it is invented neither way. With one phase for
 *   all, every validator's last miss fell on the frame's last duty (Spearman 0.693).
 * - the log has no head votes. Each included attestation's head vote is late at the simulated
 *   median operator's rate (HEAD_EXTRA_MISS_MEDIAN), for every key alike, so the late-head input
 *   reads as an ordinary operator's and carries no order. Read as never late, it put every
 *   operator below any simulated one and every posted score at 0 bp.
 */
function frameAggregates(validators: readonly Validator[]): {
  operators: Map<string, OperatorEpochAggregate[]>;
  network: EpochAggregate[];
} {
  const epochs = FRAME.to - FRAME.from + 1;
  const operators = new Map<string, OperatorEpochAggregate[]>();
  for (const v of validators)
    if (!operators.has(v.operatorId))
      operators.set(
        v.operatorId,
        Array.from({ length: epochs }, (_, k) => ({
          ...emptyEpochAggregate(FRAME.from + k),
          operatorId: v.operatorId,
        })),
      );
  const network = Array.from({ length: epochs }, (_, k) => emptyEpochAggregate(FRAME.from + k));
  for (const v of validators) {
    const missed = v.assigned - v.included;
    const phase = (v.index * PHASE_STEP) % 1;
    const missAt = spread(missed, v.assigned, phase);
    const lateAt = spread(Math.round(v.included * HEAD_EXTRA_MISS_MEDIAN), v.included, phase);
    let included = 0;
    for (let d = 0; d < v.assigned; d++) {
      const k = epochs - v.assigned + d;
      const miss = missAt.has(d);
      const late = !miss && lateAt.has(included++);
      for (const a of [operators.get(v.operatorId)![k], network[k]]) {
        a.activeValidators += 1;
        a.effectiveBalanceGwei += 32e9;
        const at = a.attestations;
        at.duties += 1;
        at.sourceIdeal += IDEAL.source;
        at.targetIdeal += IDEAL.target;
        at.headIdeal += IDEAL.head;
        const head = miss || late ? 0 : IDEAL.head;
        const sourceTarget = miss ? -IDEAL.source - IDEAL.target : IDEAL.source + IDEAL.target;
        at.sourceEarned += miss ? -IDEAL.source : IDEAL.source;
        at.targetEarned += miss ? -IDEAL.target : IDEAL.target;
        at.headEarned += head;
        if (miss) {
          at.sourceMisses += 1;
          at.targetMisses += 1;
        }
        if (miss || late) at.headMisses += 1;
        a.balanceDeltaGwei += sourceTarget + head;
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
        return {
          operatorId: `csm-${c[2]}`,
          index: Number(c[5]),
          assigned: Number(c[6]),
          included: Number(c[7]),
        };
      });
      assert.equal(validators.length, 1_225);
      const { operators, network } = frameAggregates(validators);
      assert.equal(operators.size, 182);
      // The log's per-validator totals are exactly what Lido's rule reads: each key's own
      // included / assigned over the frame.
      const validatorDuties = new Map<string, ValidatorDuties[]>();
      for (const v of validators)
        validatorDuties.set(v.operatorId, [
          ...(validatorDuties.get(v.operatorId) ?? []),
          { assigned: v.assigned, included: v.included },
        ]);
      const features = computeFeatures({
        operators,
        network,
        validatorDuties,
        atEpoch: FRAME.to,
      });
      const modelPath = path.join(projectRoot, "models/operator-risk.onnx");
      const scorer = await createScorer({ modelPath });
      const scores = await scorer.scoreOperators(features);
      await scorer.release();
      // The ranking is read on the probability: the posted score, an integer bp of expected
      // shortfall, ties most healthy operators at the head's floor (its Spearman is shown too).
      // The scorer reads the probability, the graph's inner Sigmoid, with the float64
      // interpreter on the float32 inputs onnxruntime reads: the same numbers here.
      const model = loadModel({ modelPath });
      const exact = referenceForward({
        model: model.parsed,
        input: Float32Array.from(features.flatMap((f) => f.values)),
        rows: features.length,
        output: model.probabilityOutput,
      });
      assert.equal(scores.length, features.length);
      for (const [i, s] of scores.entries()) {
        assert.equal(s.operatorId, features[i].operatorId);
        assert.ok(Math.abs(s.probability - exact[i]) < 1e-12, `${s.operatorId}: ${s.probability}`);
      }
      const byId = new Map(features.map((f, i) => [f.operatorId, exact[i]]));
      const posted = new Map(scores.map((s) => [s.operatorId, s.scoreBps]));
      const under = new Set(
        validators
          .filter((v) => v.included / v.assigned < FRAME_THRESHOLD)
          .map((v) => v.operatorId),
      );
      const ids = [...operators.keys()];
      const size = new Map<string, number>();
      for (const v of validators) size.set(v.operatorId, (size.get(v.operatorId) ?? 0) + 1);
      const shortfallOf = new Map(
        ids.map((id) => {
          const vs = validators.filter((v) => v.operatorId === id);
          const assigned = vs.reduce((a, v) => a + v.assigned, 0);
          return [id, 1 - vs.reduce((a, v) => a + v.included, 0) / assigned];
        }),
      );
      const rhoOf = (group: readonly string[], p: Map<string, number>) =>
        spearman(
          group.map((id) => p.get(id)!),
          group.map((id) => shortfallOf.get(id)!),
        );
      const several = ids.filter((id) => size.get(id)! >= MIN_VALIDATORS);
      const single = ids.filter((id) => size.get(id) === 1);
      const rho = rhoOf(several, byId);
      const ranked = [...ids].sort((a, b) => byId.get(b)! - byId.get(a)!);
      const top = ranked.slice(0, under.size);
      const others = ids.filter((id) => !under.has(id));
      const shortfallBps = new Map(scores.map((s) => [s.operatorId, s.expectedShortfallBps]));
      t.diagnostic(
        `operators under ${FRAME_THRESHOLD}: ${under.size}; of them in the top ${under.size} scores: ${top.filter((id) => under.has(id)).length}; their ranks ${[...under].map((id) => `${id} #${ranked.indexOf(id) + 1} (${size.get(id)} validators, perf ${(1 - shortfallOf.get(id)!).toFixed(4)})`).join(", ")}; the top ${under.size}: ${top.map((id) => `${id} (${size.get(id)} validators, perf ${(1 - shortfallOf.get(id)!).toFixed(4)})`).join(", ")}`,
      );
      t.diagnostic(
        `Spearman(score, shortfall): all ${ids.length} operators ${rhoOf(ids, byId).toFixed(3)} (the posted integer bp: ${new Set(posted.values()).size === 1 ? `all ${[...posted.values()][0]} bp, no order` : rhoOf(ids, posted).toFixed(3)}); ${several.length} with >= ${MIN_VALIDATORS} validators ${rho.toFixed(3)}; ${single.length} with one ${rhoOf(single, byId).toFixed(3)}`,
      );
      t.diagnostic(
        `posted bp: under the line ${[...under].map((id) => `${id} ${posted.get(id)} (p ${byId.get(id)!.toFixed(4)}, ${shortfallBps.get(id)!.toFixed(2)} bp)`).join(", ")}; the others ${[
          ...new Set(others.map((id) => posted.get(id)!)),
        ]
          .sort((a, b) => a - b)
          .join(", ")}`,
      );
      assert.equal(under.size, 5);
      // All five lead. The sixth candidate (ofv4) had csm-85, one key at 0.902, 10th: it shrank
      // the key's thin last day toward the network's, so it read as a healthy key's; ofv5 shrinks
      // it toward the key's own month.
      assert.deepEqual(
        top.filter((id) => !under.has(id)),
        [],
        `top ${top}`,
      );
      // So does the expected shortfall onnxruntime computes (float32), which the posted integer
      // bp rounds: 1 bp for each of the five, 0 or 1 for the others.
      const othersMax = Math.max(...others.map((id) => shortfallBps.get(id)!));
      assert.ok(
        [...under].every((id) => shortfallBps.get(id)! > othersMax),
        `expected shortfall ${[...under].map((id) => shortfallBps.get(id))} vs ${othersMax}`,
      );
      // Shrinkage rightly reads a flawless one-key frame as the network's (a solo key's week
      // weighs as much as the prior), so the bar is on operators of several keys. ofv1: 0.954
      // over all; ofv2 0.904 over several keys; ofv4 0.876 (docs/model.md, "Real-data checks").
      assert.equal(several.length, 127);
      assert.ok(rho > 0.9, `Spearman ${rho} over operators with >= ${MIN_VALIDATORS} validators`);
      assert.ok(rhoOf(ids, byId) > 0.9, `Spearman ${rhoOf(ids, byId)} over all operators`);
    });
  },
);
