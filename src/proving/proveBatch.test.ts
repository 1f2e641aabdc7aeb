import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import * as ort from "onnxruntime-node";
import { sharedPath } from "../../test/support/shared.js";
import { buildMlpOnnx } from "../onnx/index.js";
import { calibrate } from "./calibrate.js";
import { computeCommitment } from "./computeCommitment.js";
import {
  InputCommitmentMismatchError,
  InsecureSrsError,
  KeyCorruptError,
  ModelHashMismatchError,
  ProofCorruptError,
  ProofInvalidError,
  SrsCorruptError,
  SrsDegreeMismatchError,
} from "./errors.js";
import { generateDevSrs } from "./generateDevSrs.js";
import { keyCacheDir } from "./getKeys.js";
import { loadSrs } from "./loadSrs.js";
import { proveBatch, type ProveBatchReturnType } from "./proveBatch.js";
import { verifyBatch } from "./verifyBatch.js";

const F = 6;
const H = 4;
const B = 2;
const SCALE = 7;
/** Documented tolerance (docs/proving.md): a few output quantization steps of 2^-scale. */
const TOLERANCE = 4 / 2 ** SCALE;
const tmp = path.join(".cache", "test-proving");

function rng(seed: number) {
  return () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
}
const rnd = rng(7);
const layers = [
  {
    inFeatures: F,
    outFeatures: H,
    weight: Float32Array.from({ length: F * H }, rnd),
    bias: Float32Array.from({ length: H }, rnd),
  },
  {
    inFeatures: H,
    outFeatures: 1,
    weight: Float32Array.from({ length: H }, rnd),
    bias: Float32Array.from({ length: 1 }, rnd),
  },
];
const onnx = buildMlpOnnx({ layers });
const samples = Array.from({ length: 8 }, () => Array.from({ length: F }, rnd));
const features = [samples[0]];

describe("proveBatch / verifyBatch with a dev SRS", () => {
  let result: ProveBatchReturnType;
  let srsPath: string;
  let settingsJson: string;
  let compiled: Uint8Array;
  const cacheDir = path.join(tmp, "keys");

  before(async () => {
    const calibrated = calibrate({ model: onnx, batchSize: B, samples, scale: SCALE });
    compiled = calibrated.compiled;
    srsPath = (await generateDevSrs({ k: calibrated.settings.run_args.logrows, nodeEnv: "test" }))
      .path;
    result = await proveBatch({ compiled, features, srsPath, cacheDir, nodeEnv: "test" });
    settingsJson = result.settingsJson;
    mkdirSync(tmp, { recursive: true });
  });

  it("proves a padded batch and returns the public layout [input hash, model hash, scores]", () => {
    assert.equal(result.instances.length, 2 + B);
    assert.equal(
      result.inputCommitment,
      computeCommitment({ values: result.committedFeatures, scale: SCALE }),
    );
    assert.equal(result.committedFeatures.length, B);
    assert.equal(result.scores.length, features.length);
    assert.ok(result.peakRssMb > 0 && result.durationSeconds > 0);
  });

  it("model hash is the Poseidon hash of the quantized weights in graph order", () => {
    const flat = new Float32Array([
      ...layers[0].weight,
      ...layers[0].bias,
      ...layers[1].weight,
      ...layers[1].bias,
    ]);
    assert.equal(result.modelHash, computeCommitment({ values: flat, scale: SCALE }));
  });

  it("scores agree with onnxruntime within the documented tolerance", async () => {
    const session = await ort.InferenceSession.create(onnx);
    const out = await session.run({
      input: new ort.Tensor("float32", Float32Array.from(features.flat()), [features.length, F]),
    });
    const expected = Array.from(Object.values(out)[0].data as Float32Array);
    assert.equal(result.scores.length, features.length, "one score per operator");
    assert.equal(expected.length, features.length);
    for (const [i, s] of result.scores.entries())
      assert.ok(Math.abs(s - expected[i]) <= TOLERANCE, `score ${s} vs onnxruntime ${expected[i]}`);
  });

  it("verifyBatch accepts the artifacts and returns the proven scores", async () => {
    const v = await verifyBatch({
      proof: result.proof,
      vk: result.vk,
      settingsJson,
      srsPath,
      features,
      expectedModelHash: result.modelHash,
      nodeEnv: "test",
    });
    assert.deepEqual(v.scores, result.scores);
  });

  it("rejects a tampered score", async () => {
    const p = JSON.parse(Buffer.from(result.proof).toString());
    p.instances[0][2] = p.instances[0][2].replace(/^../, (h: string) =>
      ((parseInt(h, 16) + 1) % 256).toString(16).padStart(2, "0"),
    );
    await assert.rejects(
      verifyBatch({
        proof: Buffer.from(JSON.stringify(p)),
        vk: result.vk,
        settingsJson,
        srsPath,
        features,
        nodeEnv: "test",
      }),
      ProofInvalidError,
    );
  });

  it("rejects tampered feature vectors", async () => {
    const tampered = [features[0].map((v, i) => (i === 0 ? v + 0.5 : v))];
    await assert.rejects(
      verifyBatch({
        proof: result.proof,
        vk: result.vk,
        settingsJson,
        srsPath,
        features: tampered,
        nodeEnv: "test",
      }),
      InputCommitmentMismatchError,
    );
  });

  it("rejects another model hash", async () => {
    await assert.rejects(
      verifyBatch({
        proof: result.proof,
        vk: result.vk,
        settingsJson,
        srsPath,
        features,
        expectedModelHash: "00".repeat(32),
        nodeEnv: "test",
      }),
      ModelHashMismatchError,
    );
  });

  it("rejects a truncated proof", async () => {
    await assert.rejects(
      verifyBatch({
        proof: result.proof.slice(0, 100),
        vk: result.vk,
        settingsJson,
        srsPath,
        features,
        nodeEnv: "test",
      }),
      ProofCorruptError,
    );
  });

  it("rejects a corrupt verifying key", async () => {
    await assert.rejects(
      verifyBatch({
        proof: result.proof,
        vk: result.vk.slice(0, 40),
        settingsJson,
        srsPath,
        features,
        nodeEnv: "test",
      }),
      KeyCorruptError,
    );
  });

  it("rejects the proof under another model's verifying key", {
    skip: sharedPath("vectors", "ezkl", "1l_mlp", "vk.key") ? false : "../shared absent",
  }, async () => {
    const otherVk = new Uint8Array(
      readFileSync(sharedPath("vectors", "ezkl", "1l_mlp", "vk.key")!),
    );
    await assert.rejects(
      verifyBatch({
        proof: result.proof,
        vk: otherVk,
        settingsJson,
        srsPath,
        features,
        nodeEnv: "test",
      }),
      (e: Error) => e instanceof ProofInvalidError || e instanceof KeyCorruptError,
    );
  });

  it("rejects an SRS of the wrong k, a truncated SRS, and a dev SRS in production", async () => {
    const k = JSON.parse(settingsJson).run_args.logrows as number;
    const other = (await generateDevSrs({ k: k + 1 === 12 ? 12 : 11, nodeEnv: "test" })).path;
    await assert.rejects(
      verifyBatch({
        proof: result.proof,
        vk: result.vk,
        settingsJson,
        srsPath: other,
        features,
        nodeEnv: "test",
      }),
      SrsDegreeMismatchError,
    );
    const truncated = path.join(tmp, "truncated.srs");
    writeFileSync(truncated, readFileSync(srsPath).subarray(0, 5000));
    await assert.rejects(loadSrs({ path: truncated }), SrsCorruptError);
    const flipped = path.join(tmp, "flipped.srs");
    const bytes = Buffer.from(readFileSync(srsPath));
    bytes[4 + 64 + 3] ^= 0xff;
    writeFileSync(flipped, bytes);
    await assert.rejects(loadSrs({ path: flipped }), SrsCorruptError);
    // A file that passed once is checked again after any change (the check is cached by content).
    const inPlace = path.join(tmp, "in-place.srs");
    writeFileSync(inPlace, readFileSync(srsPath));
    await loadSrs({ path: inPlace, nodeEnv: "test" });
    writeFileSync(inPlace, bytes);
    await assert.rejects(loadSrs({ path: inPlace }), SrsCorruptError);
    await assert.rejects(loadSrs({ path: srsPath, nodeEnv: "production" }), InsecureSrsError);
    await assert.rejects(generateDevSrs({ k: 4, nodeEnv: "production" }), InsecureSrsError);
  });

  it("moves damaged cached keys aside and regenerates them instead of failing every proof", async () => {
    const keyDir = keyCacheDir({ compiled, srs: readFileSync(srsPath), cacheDir });
    const [keysRoot, dir] = [path.dirname(keyDir), path.basename(keyDir)];
    const quarantinedBefore = readdirSync(keysRoot).filter((d) =>
      d.startsWith(`${dir}.corrupt-`),
    ).length;
    const pk = path.join(keysRoot, dir, "pk.key");
    writeFileSync(pk, readFileSync(pk).subarray(0, 4096));
    const again = await proveBatch({ compiled, features, srsPath, cacheDir, nodeEnv: "test" });
    assert.ok(again.keygen, "keys were regenerated");
    assert.deepEqual(again.instances, result.instances);
    await verifyBatch({
      proof: again.proof,
      vk: again.vk,
      settingsJson,
      srsPath,
      features,
      nodeEnv: "test",
    });
    const quarantined = readdirSync(keysRoot).filter((d) => d.startsWith(`${dir}.corrupt-`));
    assert.equal(quarantined.length, quarantinedBefore + 1);
    for (const d of quarantined) rmSync(path.join(keysRoot, d), { recursive: true });
    const cachedAgain = await proveBatch({
      compiled,
      features,
      srsPath,
      cacheDir,
      nodeEnv: "test",
    });
    assert.equal(cachedAgain.keygen, null, "the regenerated keys are used from the cache");
  });
});
