import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { numberToHex } from "viem";
import { FEATURE_VERSION } from "../../src/features/index.js";
import { instancesFromEzkl, scoresFromInstances } from "../../src/report/index.js";
import {
  loadCircuit,
  parseSettingsJson,
  proveBatch,
  resolveSrsPath,
  type Prover,
} from "../../src/proving/index.js";
import { seedFeatures } from "./seedApi.js";

/** The committed circuit the report is proven with (14 operators, scale 10, logrows 14). */
export const PROVEN_CIRCUIT_DIR = "circuits/operator-risk-b14-s10";
export const PROVEN_REPORT = { id: 10, epoch: 175, operatorIds: ["op-a", "op-b", "op-c", "op-d"] };
/** The same batch proven by the native prover, whose proofs @ezkljs/engine cannot verify (docs/proving.md). */
export const NATIVE_REPORT = { id: 11, epoch: 200 };
/** The seeded feature vectors of this epoch lie inside the committed circuit's calibrated lookup range. */
export const FEATURES_EPOCH = 150;

export type ProvenReport = {
  reportId: number;
  scoresBps: number[];
  modelHash: string;
  inputCommitment: string;
  srsPath: string;
};

type CachedProof = {
  proof: string;
  instances: string[];
  vk: string;
  vkHash: string;
  settingsJson: string;
  settingsHash: string;
  proveMs: number;
};

/**
 * Adds report 10 to a seedApi database: op-a…op-d at epoch 175 (after the seeded reports) proven for real by EZKL (the WASM
 * engine, whose proofs the browser can verify; report 11 at epoch 200 with `prover: "native"`) with the committed circuit over their seeded feature vectors, stored as the prove stage stores it
 * (status `proven`, proof, instances, vk and settings in proving_artifact). A proof depends only on
 * circuit, features and SRS, so it is kept under .cache/web-proofs keyed by their hashes: later
 * runs reuse a real proof instead of spending a minute re-proving the same thing.
 */
export async function seedProvenReport(
  pool: pg.Pool,
  { prover = "wasm" }: { prover?: Prover } = {},
): Promise<ProvenReport> {
  const { id: reportId, epoch } = prover === "wasm" ? PROVEN_REPORT : NATIVE_REPORT;
  const circuit = loadCircuit({ dir: PROVEN_CIRCUIT_DIR });
  const { batchSize, features: width, logrows } = circuit.manifest;
  const features = PROVEN_REPORT.operatorIds.map((id) =>
    Array.from({ length: width }, (_, i) => seedFeatures(id, FEATURES_EPOCH)[i] ?? 0),
  );
  if (features.length > batchSize) throw new Error("the proven report does not fit the circuit");
  const srsPath = await resolveSrsPath({ configured: "", k: logrows, nodeEnv: "test" });

  const key = createHash("sha256")
    .update(prover)
    .update(circuit.compiled)
    .update(JSON.stringify(features))
    .update(await readFile(srsPath))
    .digest("hex")
    .slice(0, 24);
  const cacheFile = path.join(".cache", "web-proofs", `${key}.json`);
  let cached: CachedProof;
  if (existsSync(cacheFile)) {
    cached = JSON.parse(await readFile(cacheFile, "utf8")) as CachedProof;
  } else {
    const result = await proveBatch({
      compiled: circuit.compiled,
      features,
      srsPath,
      cacheDir: ".cache/proving",
      nodeEnv: "test",
      prover,
    });
    cached = {
      proof: Buffer.from(result.proof).toString("base64"),
      instances: result.instances,
      vk: Buffer.from(result.vk).toString("base64"),
      vkHash: result.vkHash,
      settingsJson: result.settingsJson,
      settingsHash: result.settingsHash,
      proveMs: Math.round(result.durationSeconds * 1000),
    };
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify(cached));
  }

  const settings = parseSettingsJson(cached.settingsJson);
  const proven = scoresFromInstances({
    instances: instancesFromEzkl(cached.instances),
    outScale: settings.model_output_scales[0],
    feedCount: features.length,
  });
  const modelHash = numberToHex(proven.modelHash, { size: 32 });
  const inputCommitment = numberToHex(proven.inputCommitment, { size: 32 });
  await pool.query(
    `INSERT INTO proving_artifact (sha256, kind, bytes) VALUES ($1, 'vk', $2), ($3, 'settings', $4) ON CONFLICT (sha256) DO NOTHING`,
    [
      cached.vkHash,
      Buffer.from(cached.vk, "base64"),
      cached.settingsHash,
      Buffer.from(cached.settingsJson),
    ],
  );
  await pool.query(
    `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, scores_bps, model_hash, input_commitment,
                         instances, proof, vk_hash, settings_hash, srs_k, prove_ms, created_at, proven_at)
     VALUES ($1, $2, 0, $3, 'proven', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '2026-01-04T00:00:00', '2026-01-04T00:05:00')`,
    [
      reportId,
      epoch,
      PROVEN_REPORT.operatorIds,
      circuit.manifest.onnxSha256,
      FEATURE_VERSION,
      JSON.stringify(features),
      proven.scoresBps,
      modelHash,
      inputCommitment,
      JSON.stringify(cached.instances),
      Buffer.from(cached.proof, "base64"),
      cached.vkHash,
      cached.settingsHash,
      logrows,
      cached.proveMs,
    ],
  );
  return { reportId, scoresBps: proven.scoresBps, modelHash, inputCommitment, srsPath };
}
