import type pg from "pg";
import { numberToHex } from "viem";
import type { Logger } from "../common/logger.js";
import type { Metrics } from "../metrics/index.js";
import { instancesFromEzkl, MAX_SCORE_BPS, scoresFromInstances } from "../report/index.js";
import { parseSettingsJson, proveBatch, type Circuit, type Prover } from "../proving/index.js";
import { PipelineError } from "./errors.js";

export type ProveReportParameters = {
  pool: pg.Pool;
  reportId: number;
  circuit: Circuit;
  srsPath: string;
  cacheDir: string;
  nodeEnv?: string;
  logger?: Logger;
  metrics?: Metrics;
  onProgress?: (stage: string, fraction: number) => void;
  /** PROVER: native ezkl (default) or the WASM engine. */
  prover?: Prover;
};

/** `null`: a registered feed without a score at the epoch (no data; its zero row's output is ignored). */
export type ProveReportReturnType = {
  reportId: number;
  proven: boolean;
  scoresBps: (number | null)[];
  proveSeconds?: number;
};

/**
 * Proves a pending report's committed feature vectors with the circuit and stores proof, public
 * instances, model hash, input commitment, proven scores, and the vk and settings by hash. A
 * report already proven is left as it is. The proven scores must agree with the stored
 * onnxruntime scores within the circuit's quantization tolerance (4 · 2^-scale), otherwise the
 * report fails closed: a circuit that drifted from the model must not reach the chain.
 */
export async function proveReport({
  pool,
  reportId,
  circuit,
  srsPath,
  cacheDir,
  nodeEnv,
  logger,
  metrics,
  onProgress,
  prover,
}: ProveReportParameters): Promise<ProveReportReturnType> {
  const { rows } = await pool.query<{
    status: string;
    epoch: number;
    operator_ids: string[];
    features: number[][];
    model_sha256: string;
    scores_bps: (number | null)[];
  }>(
    `SELECT status, epoch, operator_ids, features, model_sha256, scores_bps FROM report WHERE id = $1`,
    [reportId],
  );
  const report = rows[0];
  if (!report)
    throw new PipelineError("PIPELINE_REPORT_NOT_FOUND", `Report ${reportId} does not exist`);
  if (report.status !== "pending") return { reportId, proven: false, scoresBps: report.scores_bps };
  if (report.model_sha256 !== circuit.manifest.onnxSha256) {
    throw new PipelineError(
      "PIPELINE_MODEL_MISMATCH",
      `Report ${reportId} was scored by model ${report.model_sha256.slice(0, 12)}…, the circuit is for ${circuit.manifest.onnxSha256.slice(0, 12)}…`,
    );
  }
  const log = logger?.child({ reportId, epoch: report.epoch });
  log?.info(
    {
      operators: report.operator_ids.length,
      batchSize: circuit.manifest.batchSize,
      logrows: circuit.manifest.logrows,
    },
    "proving report",
  );

  const result = await proveBatch({
    compiled: circuit.compiled,
    features: report.features,
    srsPath,
    cacheDir,
    nodeEnv,
    logger: log,
    metrics,
    onProgress,
    prover,
  });
  const settings = parseSettingsJson(result.settingsJson);
  const instances = instancesFromEzkl(result.instances);
  const proven = scoresFromInstances({
    instances,
    outScale: settings.model_output_scales[0],
    feedCount: report.operator_ids.length,
  });
  if (numberToHex(proven.modelHash, { size: 32 }) !== circuit.manifest.modelHash) {
    throw new PipelineError(
      "PIPELINE_MODEL_MISMATCH",
      "Proof's model hash differs from the circuit manifest's",
      {
        details: `${numberToHex(proven.modelHash, { size: 32 })} vs ${circuit.manifest.modelHash}`,
      },
    );
  }

  const { rows: model } = await pool.query<{ operator_id: string; score_bps: number }>(
    `SELECT operator_id, score_bps FROM operator_score WHERE epoch = $1 AND operator_id = ANY($2)`,
    [report.epoch, report.operator_ids],
  );
  const modelScores = new Map(model.map((r) => [r.operator_id, r.score_bps]));
  // An operator unscored at the epoch has a zero row in the batch (createReports): no data, as
  // RiskOracle reads NO_DATA_SCORE, so its proven output is neither a score nor compared.
  const scoresBps = report.operator_ids.map((id, i) =>
    modelScores.has(id) ? proven.scoresBps[i] : null,
  );
  const toleranceBps = Math.ceil((4 * MAX_SCORE_BPS) / 2 ** circuit.manifest.scale) + 1;
  const worst = report.operator_ids.reduce(
    (acc, id, i) =>
      modelScores.has(id)
        ? Math.max(acc, Math.abs((modelScores.get(id) ?? Number.NaN) - proven.scoresBps[i]))
        : acc,
    0,
  );
  if (!(worst <= toleranceBps)) {
    await pool.query(
      `UPDATE report SET status = 'failed', error_code = 'PIPELINE_SCORE_DIVERGENCE', error = $2 WHERE id = $1`,
      [reportId, `proven scores differ from the model's by ${worst} bps`],
    );
    throw new PipelineError(
      "PIPELINE_SCORE_DIVERGENCE",
      `Proven scores of report ${reportId} differ from onnxruntime's by ${worst} bps (tolerance ${toleranceBps})`,
    );
  }

  await pool.query(
    `INSERT INTO proving_artifact (sha256, kind, bytes) VALUES ($1, 'vk', $2), ($3, 'settings', $4) ON CONFLICT (sha256) DO NOTHING`,
    [result.vkHash, Buffer.from(result.vk), result.settingsHash, Buffer.from(result.settingsJson)],
  );
  const updated = await pool.query(
    `UPDATE report SET status = 'proven', proof = $2, instances = $3, model_hash = $4, input_commitment = $5, scores_bps = $6,
       vk_hash = $7, settings_hash = $8, srs_k = $9, prove_ms = $10, peak_rss_mb = $11, proven_at = now(), error = NULL
     WHERE id = $1 AND status = 'pending'`,
    [
      reportId,
      Buffer.from(result.proof),
      JSON.stringify(result.instances),
      numberToHex(proven.modelHash, { size: 32 }),
      numberToHex(proven.inputCommitment, { size: 32 }),
      scoresBps,
      result.vkHash,
      result.settingsHash,
      settings.run_args.logrows,
      Math.round(result.durationSeconds * 1000),
      Math.round(result.peakRssMb),
    ],
  );
  log?.info(
    {
      seconds: result.durationSeconds.toFixed(1),
      peakRssMb: Math.round(result.peakRssMb),
      maxDiffBps: worst,
    },
    "report proven",
  );
  return {
    reportId,
    proven: (updated.rowCount ?? 0) > 0,
    scoresBps,
    proveSeconds: result.durationSeconds,
  };
}
