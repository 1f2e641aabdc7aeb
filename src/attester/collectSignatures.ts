import type { Address, Hex } from "viem";
import type { Metrics } from "../metrics/createMetrics.js";
import { InsufficientSignaturesError, SignatureRejectedError } from "../report/errors.js";
import { hashReport } from "../report/hashReport.js";
import { recoverReportSigner } from "../report/recoverReportSigner.js";
import type { Report, ReportTarget } from "../report/types.js";

/** Asks one attester for its signature of a report (HTTP call, queue round-trip, local key...). */
export type SignatureSource = (
  request: ReportTarget & { report: Report; digest: Hex },
) => Promise<Hex>;

export type CollectSignaturesParameters = ReportTarget & {
  report: Report;
  /** The oracle's attester set (`attesters()`). */
  attesters: readonly Address[];
  /** Signatures needed (`threshold()`). */
  threshold: number;
  sources: readonly SignatureSource[];
  /** Give up after this long. Default 60000 ms. */
  timeoutMs?: number;
  metrics?: Metrics["oracle"];
};

export type CollectSignaturesReturnType = { signatures: Hex[]; signers: Address[] };

/**
 * Asks every source at once and returns as soon as `threshold` valid signatures of distinct
 * attesters have arrived. Each signature is checked as the contract will check it (recovered
 * signer in the attester set, no duplicates), so a bad attester cannot make the post revert.
 * Throws a retryable `InsufficientSignaturesError` if the sources run out or time is up.
 */
export function collectSignatures(
  p: CollectSignaturesParameters,
): Promise<CollectSignaturesReturnType> {
  const { report, chainId, oracle, threshold, sources, metrics } = p;
  const allowed = new Set(p.attesters.map((a) => a.toLowerCase()));
  const digest = hashReport({ report, chainId, oracle });
  const signatures: Hex[] = [];
  const signers: Address[] = [];
  const problems: string[] = [];

  return new Promise((resolve, reject) => {
    let pending = sources.length;
    let done = false;
    const timer = setTimeout(() => finish(), p.timeoutMs ?? 60_000);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (signatures.length >= threshold)
        resolve({
          signatures: signatures.slice(0, threshold),
          signers: signers.slice(0, threshold),
        });
      else
        reject(
          new InsufficientSignaturesError(signatures.length, threshold, {
            details: problems.join("; ") || undefined,
          }),
        );
    };
    if (threshold <= 0 || sources.length === 0) return finish();
    sources.forEach((source, i) => {
      (async () => {
        const signature = await source({ report, chainId, oracle, digest });
        const signer = await recoverReportSigner({ report, chainId, oracle, signature });
        if (!allowed.has(signer.toLowerCase())) {
          metrics?.signatures.inc({ outcome: "unknown_signer" });
          throw new SignatureRejectedError(i, signer, "unknown_signer");
        }
        if (signers.some((s) => s.toLowerCase() === signer.toLowerCase())) {
          metrics?.signatures.inc({ outcome: "duplicate" });
          throw new SignatureRejectedError(i, signer, "duplicate");
        }
        if (done) return;
        signatures.push(signature);
        signers.push(signer);
        metrics?.signatures.inc({ outcome: "valid" });
      })()
        .catch((e: unknown) => {
          // A rejected signature is counted above under its own outcome.
          if (!(e instanceof SignatureRejectedError))
            metrics?.signatures.inc({ outcome: "failed" });
          problems.push(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          pending--;
          if (signatures.length >= threshold || pending === 0) finish();
        });
    });
  });
}
