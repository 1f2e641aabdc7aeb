import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import onnxProto from "onnx-proto";
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_SPECS,
  FEATURE_VERSION,
  type FeatureVector,
} from "../features/index.js";
import { createRandom, fitShortfallHead, type Mlp } from "../model/index.js";
import { exportOnnx, OUTPUT_UNIT_BPS } from "../onnx/index.js";
import {
  createScorer,
  loadModel,
  poolScore,
  referenceForward,
  riskGrade,
  ScoringError,
} from "./index.js";

const { onnx } = onnxProto;
const metadata = {
  feature_version: FEATURE_VERSION,
  feature_names: JSON.stringify(FEATURE_NAMES),
  model_kind: "mlp",
  output_unit_bps: String(OUTPUT_UNIT_BPS),
  // The sigmoid of the third layer (randomMlp): the probability under the shortfall head.
  probability_output: "layer2.act",
};

/** An MLP to a probability, then an expected-shortfall head fitted to 0.3 + 40·p bp. */
function randomMlp(inputs: number, seed: number): Mlp {
  const rng = createRandom(seed);
  const layer = (i: number, o: number, activation: "relu" | "sigmoid") => ({
    inputs: i,
    outputs: o,
    activation,
    weights: Float64Array.from({ length: i * o }, () => rng.normal() * 0.5),
    bias: Float64Array.from({ length: o }, () => rng.normal() * 0.1),
  });
  const p = Array.from({ length: 2000 }, () => rng.float());
  const head = fitShortfallHead({
    p,
    shortfallBps: p.map((x) => 0.3 + 40 * x),
    w: p.map(() => 1),
  });
  return {
    layers: [
      layer(inputs, 16, "relu"),
      layer(16, 8, "relu"),
      layer(8, 1, "sigmoid"),
      ...head.layers,
    ],
  };
}

function randomFeatures(n: number, seed: number): FeatureVector[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => ({
    operatorId: `op${i}`,
    atEpoch: 1,
    version: FEATURE_VERSION,
    values: FEATURE_SPECS.map((s) => s.lo + rng.float() * (s.hi - s.lo)),
  }));
}

const isCode = (code: string) => (e: unknown) => e instanceof ScoringError && e.code === code;

describe("scoring", () => {
  let dir: string;
  const file = (name: string, bytes: Uint8Array | string) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "scoring-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the TypeScript reference forward pass agrees with onnxruntime within 1e-5", async () => {
    const modelPath = file("m.onnx", exportOnnx({ mlp: randomMlp(FEATURE_COUNT, 1), metadata }));
    const scorer = await createScorer({ modelPath });
    const features = randomFeatures(500, 2);
    const scores = await scorer.scoreOperators(features);
    const parsed = loadModel({ modelPath }).parsed;
    const input = features.flatMap((f) => f.values);
    const ref = referenceForward({ model: parsed, input, rows: features.length });
    const refProbability = referenceForward({
      model: parsed,
      input,
      rows: features.length,
      output: "layer2.act",
    });
    assert.equal(scores.length, 500);
    assert.equal(ref.length, 500);
    let maxDiff = 0;
    for (const [i, s] of scores.entries())
      maxDiff = Math.max(
        maxDiff,
        Math.abs(s.expectedShortfallBps / OUTPUT_UNIT_BPS - ref[i]),
        Math.abs(s.probability - refProbability[i]),
      );
    assert.ok(maxDiff < 1e-5, `max difference ${maxDiff}`);
    assert.ok(new Set(scores.map((s) => s.scoreBps)).size > 10, "scores should vary");
    for (const s of scores) {
      // The expected shortfall is the head of the probability: 0.3 + 40·p bp.
      assert.ok(Math.abs(s.expectedShortfallBps - (0.3 + 40 * s.probability)) < 0.5);
      assert.equal(s.scoreBps, Math.round(s.expectedShortfallBps));
      assert.equal(s.grade, riskGrade(Math.round(s.probability * 10_000)));
      assert.equal(s.featureVersion, FEATURE_VERSION);
      assert.match(s.modelHash, /^[0-9a-f]{64}$/);
    }
    await scorer.release();
  });

  it("the committed model agrees with the reference pass too", skipUnlessModel(), async () => {
    const modelPath = "models/operator-risk.onnx";
    const scorer = await createScorer({ modelPath });
    const features = randomFeatures(200, 3);
    const scores = await scorer.scoreOperators(features);
    const model = loadModel({ modelPath });
    const ref = referenceForward({
      model: model.parsed,
      input: features.flatMap((f) => f.values),
      rows: features.length,
      output: model.probabilityOutput,
    });
    assert.equal(scores.length, 200);
    assert.equal(ref.length, 200);
    for (const [i, s] of scores.entries()) assert.ok(Math.abs(s.probability - ref[i]) < 1e-5);
    await scorer.release();
  });

  it("refuses a model with an operator the circuit cannot compile", () => {
    const model = onnx.ModelProto.decode(
      exportOnnx({ mlp: randomMlp(FEATURE_COUNT, 1), metadata }),
    );
    model.graph!.node![1].opType = "Tanh";
    const modelPath = file("tanh.onnx", onnx.ModelProto.encode(model).finish());
    assert.throws(() => loadModel({ modelPath }), isCode("SCORING_UNSUPPORTED_OPERATOR"));
  });

  it("refuses a model whose input size does not match the features", () => {
    const modelPath = file(
      "narrow.onnx",
      exportOnnx({ mlp: randomMlp(FEATURE_COUNT - 1, 1), metadata }),
    );
    assert.throws(() => loadModel({ modelPath }), isCode("SCORING_INPUT_MISMATCH"));
  });

  it("refuses another feature version or feature names", () => {
    const mlp = randomMlp(FEATURE_COUNT, 1);
    const old = file(
      "old.onnx",
      exportOnnx({ mlp, metadata: { ...metadata, feature_version: "ofv0" } }),
    );
    assert.throws(() => loadModel({ modelPath: old }), isCode("SCORING_FEATURE_VERSION_MISMATCH"));
    const renamed = file(
      "renamed.onnx",
      exportOnnx({
        mlp,
        metadata: { ...metadata, feature_names: JSON.stringify([...FEATURE_NAMES].reverse()) },
      }),
    );
    assert.throws(
      () => loadModel({ modelPath: renamed }),
      isCode("SCORING_FEATURE_VERSION_MISMATCH"),
    );
  });

  it("refuses a model whose output is not the oracle's expected shortfall (a bare probability, another unit)", () => {
    const { layers } = randomMlp(FEATURE_COUNT, 1);
    const probabilityOnly = file(
      "probability.onnx",
      exportOnnx({
        mlp: { layers: layers.slice(0, 3) },
        metadata: { ...metadata, output_unit_bps: "", probability_output: "" },
      }),
    );
    assert.throws(
      () => loadModel({ modelPath: probabilityOnly }),
      isCode("SCORING_OUTPUT_MISMATCH"),
    );
    const mlp = { layers };
    const percent = file(
      "percent.onnx",
      exportOnnx({ mlp, metadata: { ...metadata, output_unit_bps: "10000" } }),
    );
    assert.throws(() => loadModel({ modelPath: percent }), isCode("SCORING_OUTPUT_MISMATCH"));
    const notSigmoid = file(
      "hinge.onnx",
      exportOnnx({ mlp, metadata: { ...metadata, probability_output: "layer3.act" } }),
    );
    assert.throws(() => loadModel({ modelPath: notSigmoid }), isCode("SCORING_OUTPUT_MISMATCH"));
  });

  it("refuses a model whose card describes another file", () => {
    const modelPath = file(
      "carded.onnx",
      exportOnnx({ mlp: randomMlp(FEATURE_COUNT, 1), metadata }),
    );
    file(
      "carded.card.json",
      JSON.stringify({ modelSha256: "00".repeat(32), featureVersion: FEATURE_VERSION }),
    );
    assert.throws(() => loadModel({ modelPath }), isCode("SCORING_CARD_MISMATCH"));
  });

  it("refuses feature vectors of another version", async () => {
    const modelPath = file("v.onnx", exportOnnx({ mlp: randomMlp(FEATURE_COUNT, 1), metadata }));
    const scorer = await createScorer({ modelPath });
    const [f] = randomFeatures(1, 4);
    await assert.rejects(
      scorer.scoreOperators([{ ...f, version: "ofv0" }]),
      isCode("SCORING_INVALID_FEATURES"),
    );
    await assert.rejects(
      scorer.scoreOperators([{ ...f, values: f.values.slice(1) }]),
      isCode("SCORING_INVALID_FEATURES"),
    );
    await scorer.release();
  });
});

describe("grades and pools", () => {
  it("grade bands", () => {
    assert.equal(riskGrade(0), "AAA");
    assert.equal(riskGrade(49), "AAA");
    assert.equal(riskGrade(50), "AA");
    assert.equal(riskGrade(799), "BB");
    assert.equal(riskGrade(3200), "D");
    assert.equal(riskGrade(10_000), "D");
  });
  it("pool = stake-weighted mean expected loss, graded by its stake-weighted probability, plus tail share", () => {
    const p = poolScore({
      operators: [
        { operatorId: "a", scoreBps: 1, probability: 0.01, stakeGwei: 300 },
        { operatorId: "b", scoreBps: 21, probability: 0.31, stakeGwei: 100 },
      ],
    });
    // (1·300 + 21·100) / 400 = 6 bp of stake; probability (0.03 + 0.031·10) / 4 = 0.085 → 850 bps, "B"; b (≥ 10 bp) holds 25% of the stake.
    assert.equal(p.scoreBps, 6);
    assert.equal(p.grade, "B");
    assert.equal(p.tailStakeBps, 2500);
    assert.deepEqual(p.worstOperator, { operatorId: "b", scoreBps: 21, stakeBps: 2500 });
    assert.equal(poolScore({ operators: [] }).scoreBps, 0);
  });
});

function skipUnlessModel(): { skip: string | false } {
  return {
    skip: existsSync("models/operator-risk.onnx")
      ? false
      : "models/operator-risk.onnx not trained yet",
  };
}
