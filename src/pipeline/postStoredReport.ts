import type pg from "pg";
import type { Address, LocalAccount, PublicClient, WalletClient } from "viem";
import type { Logger } from "../common/logger.js";
import { createPgAccountLock, createPostRecordStore, loadReportArtifacts } from "../db/index.js";
import type { Metrics } from "../metrics/index.js";
import { collectSignatures, httpAttesterSource, type AttesterAnswer } from "../attester/index.js";
import { instancesFromEzkl, rawProof, reportFromArtifacts } from "../report/index.js";
import {
  postReport,
  readModelPin,
  reportValidUntil,
  riskOracleAbi,
  type PostReportReturnType,
} from "../chain/index.js";
import { ensureFeedsRegistered } from "./ensureFeedsRegistered.js";
import { PipelineError } from "./errors.js";
import { resolveDeploymentBlock } from "./resolveDeploymentBlock.js";

export type PostStoredReportParameters = {
  pool: pg.Pool;
  reportId: number;
  publicClient: PublicClient;
  walletClient: WalletClient;
  account: LocalAccount;
  oracle: Address;
  attesterUrls: readonly string[];
  attesterTimeoutMs: number;
  /** REPORT_VALIDITY_SECONDS: the report's `validUntil` is its epoch's start plus this. */
  validitySeconds: number;
  /** ATTESTER_HMAC_KEY: signs each attestation request so the attesters know it comes from a poster. */
  attesterHmacKey?: string;
  confirmations: number;
  maxFeePerGas?: bigint;
  receiptTimeoutMs?: number;
  rpcRetries?: number;
  logger?: Logger;
  metrics?: Metrics;
};

export type PostStoredReportReturnType = {
  reportId: number;
  status: "posted" | "already-posted" | "skipped";
  txHash?: string;
  onchainReportId?: number;
};

/**
 * Takes a proven report on-chain: registers its feeds when needed, asks every attester to check
 * and sign it (recording each answer), and posts it with the threshold of signatures through the
 * idempotent poster (its progress in PostgreSQL, so a restart resumes rather than re-sends). The
 * proof and instances go along when the oracle has a verifier set.
 */
export async function postStoredReport(
  p: PostStoredReportParameters,
): Promise<PostStoredReportReturnType> {
  const { pool, reportId, publicClient, oracle, logger, metrics } = p;
  const { rows } = await pool.query<{ status: string }>(`SELECT status FROM report WHERE id = $1`, [
    reportId,
  ]);
  if (!rows[0])
    throw new PipelineError("PIPELINE_REPORT_NOT_FOUND", `Report ${reportId} does not exist`);
  if (rows[0].status === "posted") return { reportId, status: "skipped" };
  if (rows[0].status !== "proven")
    throw new PipelineError(
      "PIPELINE_REPORT_STATE",
      `Report ${reportId} is ${rows[0].status}, not proven`,
    );
  const artifacts = await loadReportArtifacts(pool, reportId);
  if (!artifacts)
    throw new PipelineError(
      "PIPELINE_REPORT_STATE",
      `Report ${reportId} has no stored proof artifacts`,
    );
  if (p.attesterUrls.length === 0)
    throw new PipelineError("PIPELINE_NOT_CONFIGURED", "No attesters configured (ATTESTER_URLS)");
  const log = logger?.child({ reportId, epoch: artifacts.epoch });

  await ensureFeedsRegistered({
    pool,
    publicClient,
    account: p.account,
    walletClient: p.walletClient,
    oracle,
    from: artifacts.firstFeedIndex,
    upTo: artifacts.firstFeedIndex + artifacts.operatorIds.length,
    logger: log,
  });
  const chainId = await publicClient.getChainId();
  const report = reportFromArtifacts(
    artifacts,
    await reportValidUntil({
      publicClient,
      oracle,
      epoch: artifacts.epoch,
      validitySeconds: p.validitySeconds,
    }),
  );
  const read = <T>(functionName: "attesters" | "threshold") =>
    publicClient.readContract({ address: oracle, abi: riskOracleAbi, functionName }) as Promise<T>;
  const [attesters, threshold, pin] = await Promise.all([
    read<Address[]>("attesters"),
    read<number>("threshold"),
    readModelPin({ publicClient, oracle, modelHash: report.modelHash }),
  ]);

  const record = async (a: AttesterAnswer) => {
    await pool.query(
      `INSERT INTO report_attestation (report_id, attester, signature, refusal) VALUES ($1, $2, $3, $4)
       ON CONFLICT (report_id, attester) DO UPDATE SET signature = EXCLUDED.signature, refusal = EXCLUDED.refusal, created_at = now()`,
      [
        reportId,
        a.attester ?? a.url,
        a.signature ?? null,
        a.signature ? null : [a.refusal, a.error].filter(Boolean).join(": "),
      ],
    );
    if (!a.signature)
      log?.warn(
        { attester: a.attester ?? a.url, refusal: a.refusal, error: a.error },
        "attester did not sign",
      );
  };
  const { signatures, signers } = await collectSignatures({
    report,
    chainId,
    oracle,
    attesters,
    threshold: Number(threshold),
    sources: p.attesterUrls.map((url) =>
      httpAttesterSource({
        url,
        artifacts,
        timeoutMs: p.attesterTimeoutMs,
        hmacKey: p.attesterHmacKey,
        onAnswer: record,
      }),
    ),
    timeoutMs: p.attesterTimeoutMs,
    metrics: metrics?.oracle,
  });
  log?.info({ signers }, "attester threshold reached");

  // A model without a verifier is accepted only by a development-mode oracle; the proof goes along whenever there is one.
  const withProof = pin?.verifier != null;
  const result: PostReportReturnType = await postReport({
    publicClient,
    account: p.account,
    oracle,
    report,
    signatures,
    ...(withProof && {
      proof: rawProof(Buffer.from(artifacts.proof, "base64")),
      instances: instancesFromEzkl(artifacts.instances),
    }),
    store: createPostRecordStore(pool),
    // Post workers sharing the database take nonces one at a time; logs are searched from the deployment.
    lock: createPgAccountLock(pool),
    fromBlock: await resolveDeploymentBlock({ pool, publicClient, chainId, oracle }),
    chainId,
    confirmations: p.confirmations,
    maxFeePerGas: p.maxFeePerGas,
    receiptTimeoutMs: p.receiptTimeoutMs,
    retries: p.rpcRetries,
    metrics: metrics?.oracle,
    logger: log,
  });
  await pool.query(
    `UPDATE report SET status = 'posted', chain_id = $2, oracle = $3, digest = $4, tx_hash = $5, block_number = $6, gas_used = $7,
       onchain_report_id = $8, posted_at = now(), error = NULL WHERE id = $1`,
    [
      reportId,
      chainId,
      oracle,
      result.digest,
      result.txHash ?? null,
      result.blockNumber?.toString() ?? null,
      result.gasUsed?.toString() ?? null,
      result.reportId,
    ],
  );
  metrics?.oracle.reportsPosted.inc();
  metrics?.oracle.latestPostedEpoch.set(artifacts.epoch);
  return {
    reportId,
    status: result.status,
    txHash: result.txHash,
    onchainReportId: result.reportId,
  };
}
