import type { Address, PublicClient } from "viem";
import type { ReportArtifacts } from "../db/index.js";
import { loadCircuitVerifier, readModelPin } from "../chain/index.js";
import {
  verifyReportArtifacts,
  type PinnedCircuit,
  type VerifyReportArtifactsReturnType,
} from "../report/index.js";
import { resolveSrsPath } from "../proving/index.js";
import { PipelineError } from "./errors.js";

export type VerifyPublishedReportParameters = {
  artifacts: ReportArtifacts;
  /** The report the caller asked for: artifacts of another report are refused. */
  reportId: number;
  /**
   * Whose circuit the proof must satisfy, never the artifacts' own: RiskOracle's pin for the
   * artifacts' model, or the committed verifier of a local circuit directory.
   */
  pin: { publicClient: PublicClient; oracle: Address } | { circuitDir: string };
  /** An SRS file for the pinned logrows; without it, `configuredSrsPath` or (outside production) the development SRS. */
  srsPath?: string;
  /** EZKL_SRS_PATH; empty for none. */
  configuredSrsPath: string;
  nodeEnv: string;
};

export type VerifyPublishedReportReturnType = VerifyReportArtifactsReturnType & {
  pinned: PinnedCircuit & { verifier?: Address | null };
};

/** An auditor's check of a report's published artifacts (`cli verify`, the demo's last step). */
export async function verifyPublishedReport({
  artifacts,
  reportId,
  pin,
  srsPath,
  configuredSrsPath,
  nodeEnv,
}: VerifyPublishedReportParameters): Promise<VerifyPublishedReportReturnType> {
  if (artifacts.reportId !== reportId)
    throw new PipelineError(
      "PIPELINE_ARTIFACTS_MISMATCH",
      `artifacts are for report ${artifacts.reportId}, not ${reportId}`,
    );
  const pinned =
    "oracle" in pin
      ? await oraclePin(pin, artifacts.modelHash)
      : loadCircuitVerifier({ circuitDir: pin.circuitDir }).pinned;
  const srs =
    srsPath ??
    (await resolveSrsPath({ configured: configuredSrsPath, k: pinned.logrows, nodeEnv }));
  return { ...(await verifyReportArtifacts({ artifacts, pinned, srsPath: srs, nodeEnv })), pinned };
}

async function oraclePin(
  { publicClient, oracle }: { publicClient: PublicClient; oracle: Address },
  modelHash: string,
) {
  const pinned = await readModelPin({
    publicClient,
    oracle,
    modelHash: modelHash as `0x${string}`,
  });
  if (!pinned)
    throw new PipelineError(
      "PIPELINE_MODEL_NOT_PINNED",
      `model ${modelHash} is not accepted by RiskOracle ${oracle}`,
    );
  return pinned;
}
