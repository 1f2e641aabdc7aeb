import { keccak256 } from "viem";
import type { ReportArtifacts } from "../db/index.js";
import { buildReport } from "./buildReport.js";
import { rawProof } from "./rawProof.js";
import type { Report } from "./types.js";

/**
 * The on-chain `Report` of a proven report: its scores, hashes and feed range; proofHash = keccak256
 * of the raw proof bytes. `validUntil` is not in the artifacts: the poster proposes it (`reportValidUntil`).
 */
export function reportFromArtifacts(artifacts: ReportArtifacts, validUntil: bigint): Report {
  return buildReport({
    epoch: artifacts.epoch,
    validUntil,
    firstFeedIndex: artifacts.firstFeedIndex,
    scoresBps: artifacts.scoresBps,
    modelHash: artifacts.modelHash as `0x${string}`,
    inputCommitment: BigInt(artifacts.inputCommitment),
    proofHash: keccak256(rawProof(Buffer.from(artifacts.proof, "base64"))),
  });
}
