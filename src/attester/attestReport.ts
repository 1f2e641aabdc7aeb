import type pg from "pg";
import { getAddress, type Hex, type LocalAccount, type PublicClient } from "viem";
import type { Logger } from "../common/logger.js";
import { loadScoringInputs } from "../db/index.js";
import { computeFeatures, FEATURE_VERSION } from "../features/index.js";
import type { Metrics } from "../metrics/index.js";
import { parseSettingsJson } from "../proving/index.js";
import { riskOracleAbi } from "../chain/abi/riskOracle.js";
import { deserializeReport, type AttestationRequest } from "./attestationRequest.js";
import { checkReportEpoch } from "./checkReportEpoch.js";
import { checkValidUntil } from "./checkValidUntil.js";
import { AttestationRefusedError, type RefusalCode } from "../report/errors.js";
import { feedId } from "../report/feedId.js";
import { hashReport } from "../report/hashReport.js";
import { readModelPin } from "../chain/readModelPin.js";
import { checkPinnedCircuit } from "../report/checkPinnedCircuit.js";
import { reportFromArtifacts } from "../report/reportFromArtifacts.js";
import { signReport } from "../report/signReport.js";
import type { Report } from "../report/types.js";
import { verifyReportArtifacts } from "../report/verifyReportArtifacts.js";

export type AttestReportParameters = {
  request: AttestationRequest;
  /** The attester's own database (filled by its own ingestion from its own beacon node). */
  pool: pg.Pool;
  publicClient: PublicClient;
  account: LocalAccount;
  /** The only RiskOracle this attester signs for. */
  oracle: `0x${string}`;
  /** SRS file for a given k (the ceremony file; a dev SRS outside production). */
  srsPath: (k: number) => Promise<string>;
  /** The report schedule (REPORT_EVERY_EPOCHS): only its epochs are signed. */
  reportEvery: number;
  /** The oldest report epoch signed, in epochs behind the attester's own finalized head. */
  maxLagEpochs: number;
  /** REPORT_VALIDITY_SECONDS: the latest `validUntil` signed, in seconds after the epoch's start. */
  validitySeconds: number;
  /** Operators excluded from scoring batches (the catch-all label group). */
  excludedOperators?: readonly string[];
  nodeEnv?: string;
  logger?: Logger;
  metrics?: Metrics;
};

export type AttestReportReturnType = { signature: Hex; attester: `0x${string}`; digest: Hex };

/**
 * An independent attester's decision on a report. It signs only after checking, in this order:
 * the report targets its own chain and oracle; its epoch is on the report schedule, ingested
 * here and recent, and its proposed `validUntil` within this attester's window (no proof work
 * before these); the proof verifies and its public instances are
 * exactly the claimed scores, model hash and input commitment; the report to sign is the one
 * those artifacts define; the model hash is accepted on-chain and the feed range matches the
 * on-chain registry; and the published feature vectors equal those it computes from its own
 * database. Anything else is refused with an `AttestationRefusedError` naming the reason.
 */
export async function attestReport(p: AttestReportParameters): Promise<AttestReportReturnType> {
  const { request, publicClient, account, oracle, metrics } = p;
  const { artifacts } = request;
  const log = p.logger?.child({ reportId: artifacts.reportId, epoch: artifacts.epoch });
  const refuse = (code: RefusalCode, message: string, details?: string): never => {
    metrics?.oracle.attestations.inc({ outcome: "refused", code });
    log?.warn({ refusal: code, details }, `refusing to sign: ${message}`);
    throw new AttestationRefusedError(code, message, { details });
  };

  const chainId = await publicClient.getChainId();
  if (
    request.target.chainId !== chainId ||
    getAddress(request.target.oracle) !== getAddress(oracle)
  ) {
    refuse(
      "WRONG_TARGET",
      "Report is for another chain or oracle",
      `asked ${request.target.chainId}/${request.target.oracle}, serving ${chainId}/${oracle}`,
    );
  }
  if (artifacts.featureVersion !== FEATURE_VERSION)
    refuse(
      "INPUTS_MISMATCH",
      `Feature version ${artifacts.featureVersion} is not ${FEATURE_VERSION}`,
    );
  // Schedule, ingestion and recency come from the attester's own database: cheap, so before any proof work.
  const epochRefusal = await checkReportEpoch({
    pool: p.pool,
    epoch: artifacts.epoch,
    reportEvery: p.reportEvery,
    maxLagEpochs: p.maxLagEpochs,
  });
  if (epochRefusal) refuse(epochRefusal.code, epochRefusal.message, epochRefusal.details);
  let asked: Report;
  try {
    asked = deserializeReport(request.report);
  } catch (error) {
    return refuse("REPORT_MISMATCH", "Report is malformed", (error as Error).message);
  }
  // The poster proposes validUntil (every signer must sign the same report); this attester takes it only within its own window.
  const [epochStart, block] = await Promise.all([
    publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "epochTime",
      args: [BigInt(artifacts.epoch)],
    }),
    publicClient.getBlock({ blockTag: "latest" }),
  ]);
  const validity = checkValidUntil({
    validUntil: asked.validUntil,
    epochStart,
    now: block.timestamp,
    validitySeconds: p.validitySeconds,
  });
  if (validity) refuse(validity.code, validity.message, validity.details);

  // The circuit is RiskOracle's pin for the claimed model (the proof then shows the model hash is
  // the proof's), never the request's: a mismatch is refused before any SRS or proof work.
  const pinned = await readModelPin({
    publicClient,
    oracle,
    modelHash: artifacts.modelHash as Hex,
  });
  if (!pinned)
    return refuse(
      "MODEL_NOT_ACCEPTED",
      `Model hash ${artifacts.modelHash} is not accepted by the oracle`,
    );
  try {
    checkPinnedCircuit({ artifacts, pinned });
  } catch (error) {
    refuse(
      "CIRCUIT_NOT_PINNED",
      "Verifying key or settings are not the oracle's pinned circuit",
      (error as Error).message,
    );
  }
  try {
    await verifyReportArtifacts({
      artifacts,
      pinned,
      srsPath: await p.srsPath(pinned.logrows),
      nodeEnv: p.nodeEnv,
    });
  } catch (error) {
    refuse("PROOF_INVALID", "Proof or artifacts do not check out", (error as Error).message);
  }
  const expected = reportFromArtifacts(artifacts, asked.validUntil);
  const digest = hashReport({ report: expected, chainId, oracle });
  if (hashReport({ report: asked, chainId, oracle }) !== digest)
    refuse("REPORT_MISMATCH", "Report to sign differs from the one its proof defines");

  const read = <T>(functionName: string, args: readonly unknown[]) =>
    publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: functionName as never,
      args: args as never,
    }) as Promise<T>;
  // An unregistered index reads as the zero id, so one read per feed covers both cases.
  const onChain = await Promise.all(
    artifacts.operatorIds.map((_, i) =>
      read<`0x${string}`>("feedAt", [BigInt(artifacts.firstFeedIndex + i)]),
    ),
  );
  const wrong = artifacts.operatorIds.findIndex(
    (operatorId, i) =>
      onChain[i].toLowerCase() !== feedId({ kind: "operator", id: operatorId }).toLowerCase(),
  );
  if (wrong >= 0)
    refuse(
      "FEED_MISMATCH",
      `Operator ${artifacts.operatorIds[wrong]} is not feed ${artifacts.firstFeedIndex + wrong} on-chain`,
      `on-chain feed id ${onChain[wrong]}`,
    );

  const inputs = await loadScoringInputs({ pool: p.pool, atEpoch: artifacts.epoch });
  for (const id of p.excludedOperators ?? []) inputs.operators.delete(id);
  const own = new Map(
    computeFeatures({ ...inputs, atEpoch: artifacts.epoch }).map((f) => [f.operatorId, f.values]),
  );
  // Compared as the circuit sees them: quantized at its input scale.
  const scale = 2 ** parseSettingsJson(artifacts.settings).run_args.input_scale;
  const q = (v: number) => Math.round(v * scale);
  for (const [i, operatorId] of artifacts.operatorIds.entries()) {
    const mine = own.get(operatorId);
    const theirs = artifacts.features[i];
    // No data is accepted only where this attester has no score either: otherwise a poster could blank out a risky operator.
    if (artifacts.scoresBps[i] === null) {
      if (mine)
        refuse(
          "INPUTS_MISMATCH",
          `Report claims no data for ${operatorId}, which this attester scores`,
        );
      if (theirs.some((v) => v !== 0))
        refuse("INPUTS_MISMATCH", `No-data row of ${operatorId} is not zeros`);
      continue;
    }
    const j = mine ? mine.findIndex((v, k) => q(v) !== q(theirs[k] ?? Number.NaN)) : 0;
    if (!mine || j >= 0) {
      refuse(
        "INPUTS_MISMATCH",
        `Feature vector of ${operatorId} differs from this attester's own data`,
        mine ? `feature ${j}: published ${theirs[j]}, own ${mine[j]}` : "operator unknown here",
      );
    }
  }

  const signature = await signReport({ account, report: expected, chainId, oracle });
  metrics?.oracle.attestations.inc({ outcome: "signed", code: "" });
  log?.info({ digest, attester: account.address }, "report attested");
  return { signature, attester: account.address, digest };
}
