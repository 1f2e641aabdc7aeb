import type pg from "pg";
import { FEATURE_NAMES } from "../features/index.js";

/**
 * Everything needed to check a report without trusting its producer (the body of
 * `GET /v1/reports/:id/artifacts`, and what the poster sends attesters): the published feature
 * vectors, the ezkl proof, verifying key and settings, and the claimed results.
 */
export type ReportArtifacts = {
  format: "beacon-risk-oracle/report-artifacts@1";
  reportId: number;
  epoch: number;
  firstFeedIndex: number;
  operatorIds: string[];
  featureVersion: string;
  featureNames: string[];
  /** One feature vector per operator, in operatorIds order (padding rows are not published). */
  features: number[][];
  /** 0x, 32 bytes big-endian, as RiskOracle stores them. */
  modelHash: string;
  inputCommitment: string;
  /** `null`: a registered feed without a score at the epoch (NO_DATA_SCORE on-chain; its row is zeros). */
  scoresBps: (number | null)[];
  /** Public instances as ezkl writes them (hex little-endian). */
  instances: string[];
  /** base64 of the ezkl proof JSON bytes. */
  proof: string;
  /** base64 of the verifying key. */
  vk: string;
  vkHash: string;
  /** The ezkl settings JSON text. */
  settings: string;
  settingsHash: string;
  /** The SRS the proof needs: a `kzg{k}.srs` with this k (ceremony file; not shipped here). */
  srs: { k: number };
};

/** The artifacts of a proven report; undefined when the report does not exist or is not proven. */
export async function loadReportArtifacts(
  pool: pg.Pool,
  reportId: number,
): Promise<ReportArtifacts | undefined> {
  const { rows } = await pool.query(
    `SELECT r.id, r.epoch, r.first_feed_index, r.operator_ids, r.feature_version, r.features, r.model_hash, r.input_commitment,
            r.scores_bps, r.instances, r.proof, r.vk_hash, r.settings_hash, r.srs_k, vk.bytes AS vk, st.bytes AS settings
     FROM report r
     JOIN proving_artifact vk ON vk.sha256 = r.vk_hash
     JOIN proving_artifact st ON st.sha256 = r.settings_hash
     WHERE r.id = $1 AND r.proof IS NOT NULL`,
    [reportId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    format: "beacon-risk-oracle/report-artifacts@1",
    reportId: r.id,
    epoch: r.epoch,
    firstFeedIndex: r.first_feed_index,
    operatorIds: r.operator_ids,
    featureVersion: r.feature_version,
    featureNames: [...FEATURE_NAMES],
    features: r.features,
    modelHash: r.model_hash,
    inputCommitment: r.input_commitment,
    scoresBps: r.scores_bps,
    instances: r.instances,
    proof: Buffer.from(r.proof).toString("base64"),
    vk: Buffer.from(r.vk).toString("base64"),
    vkHash: r.vk_hash,
    settings: Buffer.from(r.settings).toString("utf8"),
    settingsHash: r.settings_hash,
    srs: { k: r.srs_k },
  };
}
