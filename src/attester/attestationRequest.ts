import type { Hex } from "viem";
import type { ReportArtifacts } from "../db/index.js";
import type { Report, ReportTarget } from "../report/types.js";

/** What the poster sends an attester (`POST /v1/attest`): where it will post, the report, and its artifacts. */
export type AttestationRequest = {
  target: ReportTarget;
  report: SerializedReport;
  artifacts: ReportArtifacts;
};

/** A `Report` with its integers as decimal strings, for JSON. */
export type SerializedReport = Omit<
  Report,
  "epoch" | "validUntil" | "inputCommitment" | "scoreWords"
> & { epoch: string; validUntil: string; inputCommitment: string; scoreWords: string[] };

export function serializeReport(report: Report): SerializedReport {
  return {
    ...report,
    epoch: report.epoch.toString(),
    validUntil: report.validUntil.toString(),
    inputCommitment: report.inputCommitment.toString(),
    scoreWords: report.scoreWords.map(String),
  };
}

export function deserializeReport(report: SerializedReport): Report {
  return {
    epoch: BigInt(report.epoch),
    validUntil: BigInt(report.validUntil),
    firstWord: Number(report.firstWord),
    feedCount: Number(report.feedCount),
    modelHash: report.modelHash as Hex,
    inputCommitment: BigInt(report.inputCommitment),
    proofHash: report.proofHash as Hex,
    scoreWords: report.scoreWords.map((w) => BigInt(w)),
  };
}
