import type { ReportArtifacts } from "../db/index.js";
import { numberToHex } from "viem";
import { sha256Hex, verifyBatch } from "../proving/index.js";
import { checkPinnedCircuit } from "./checkPinnedCircuit.js";
import { InvalidArtifactsError } from "./errors.js";
import { instancesFromEzkl } from "./instancesFromEzkl.js";
import type { PinnedCircuit } from "./pinnedCircuit.js";
import { scoresFromInstances } from "./scoresFromInstances.js";

export type VerifyReportArtifactsParameters = {
  artifacts: ReportArtifacts;
  /** The circuit proofs are checked against (RiskOracle's pin or configuration), never the artifacts' own. */
  pinned: PinnedCircuit;
  /** A `kzg{k}.srs` file with k = the pinned logrows (the ceremony SRS; a dev SRS only outside production). */
  srsPath: string;
  nodeEnv?: string;
};

export type VerifyReportArtifactsReturnType = {
  epoch: number;
  operatorIds: string[];
  /** Scores (bps) the proof proves, by RiskOracle's rounding rule. */
  scoresBps: number[];
  modelHash: `0x${string}`;
  inputCommitment: `0x${string}`;
};

/**
 * Checks a report from its published artifacts, as an auditor or attester would: the vk and
 * settings are the pinned circuit's (before any other work), the proof verifies, the published
 * feature vectors hash to the proof's input commitment, and the claimed model hash, input
 * commitment and scores are exactly what the proof's public instances say (read at the pinned
 * output scale). Throws a proving error or `InvalidArtifactsError`.
 */
export async function verifyReportArtifacts({
  artifacts,
  pinned,
  srsPath,
  nodeEnv,
}: VerifyReportArtifactsParameters): Promise<VerifyReportArtifactsReturnType> {
  if (artifacts.format !== "beacon-risk-oracle/report-artifacts@1")
    throw new InvalidArtifactsError(`Unknown artifacts format ${String(artifacts.format)}`);
  checkPinnedCircuit({ artifacts, pinned });
  const proof = Buffer.from(artifacts.proof, "base64");
  const vk = Buffer.from(artifacts.vk, "base64");
  if (sha256Hex(vk) !== artifacts.vkHash)
    throw new InvalidArtifactsError("Verifying key does not match its published hash");
  if (sha256Hex(artifacts.settings) !== artifacts.settingsHash)
    throw new InvalidArtifactsError("Settings do not match their published hash");
  if (artifacts.features.length !== artifacts.operatorIds.length) {
    throw new InvalidArtifactsError(
      `${artifacts.features.length} feature vectors for ${artifacts.operatorIds.length} operators`,
    );
  }

  const verified = await verifyBatch({
    proof,
    vk,
    settingsJson: artifacts.settings,
    srsPath,
    features: artifacts.features,
    nodeEnv,
  });
  const proven = scoresFromInstances({
    instances: instancesFromEzkl(verified.instances),
    outScale: pinned.outScale,
    feedCount: artifacts.operatorIds.length,
  });
  const modelHash = numberToHex(proven.modelHash, { size: 32 });
  const inputCommitment = numberToHex(proven.inputCommitment, { size: 32 });
  if (modelHash !== artifacts.modelHash.toLowerCase())
    throw new InvalidArtifactsError("Claimed model hash is not the proof's", {
      details: `proof ${modelHash}, claimed ${artifacts.modelHash}`,
    });
  if (inputCommitment !== artifacts.inputCommitment.toLowerCase())
    throw new InvalidArtifactsError("Claimed input commitment is not the proof's");
  // A no-data position is not bound to the proof (RiskOracle skips it): its output is not a score.
  const wrong = proven.scoresBps.findIndex(
    (s, i) => artifacts.scoresBps[i] !== null && s !== artifacts.scoresBps[i],
  );
  if (wrong >= 0 || artifacts.scoresBps.length !== proven.scoresBps.length) {
    const at = wrong >= 0 ? wrong : proven.scoresBps.length;
    throw new InvalidArtifactsError("Claimed scores are not the proof's", {
      details: `operator ${artifacts.operatorIds[at] ?? at}: claimed ${artifacts.scoresBps[at]}, proven ${proven.scoresBps[at]}`,
    });
  }
  return {
    epoch: artifacts.epoch,
    operatorIds: artifacts.operatorIds,
    scoresBps: proven.scoresBps,
    modelHash,
    inputCommitment,
  };
}
