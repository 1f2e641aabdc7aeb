import {
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  WaitForTransactionReceiptTimeoutError,
  encodeFunctionData,
  keccak256,
  parseEventLogs,
  parseTransaction,
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import type { Logger } from "../common/logger.js";
import { retry, type RetryParameters } from "../common/retry.js";
import type { Metrics } from "../metrics/createMetrics.js";
import { riskOracleAbi } from "./abi/riskOracle.js";
import {
  OracleError,
  OracleRevertError,
  FeeCapExceededError,
  TransactionTimeoutError,
} from "../report/errors.js";
import { hashReport } from "../report/hashReport.js";
import type { PostRecordKey, PostRecordStore } from "../db/postRecordStore.js";
import { toOracleError } from "./toOracleError.js";
import type { Report } from "../report/types.js";

export type PostReportParameters = {
  publicClient: PublicClient;
  /** The poster's local account: transactions are signed here so their hash is known before sending. */
  account: LocalAccount;
  oracle: Address;
  report: Report;
  /** Attester signatures (at least the oracle's threshold). */
  signatures: readonly Hex[];
  /** Proof bytes and public instances; required when the oracle has a verifier. */
  proof?: Hex;
  instances?: readonly bigint[];
  store: PostRecordStore;
  /** Chain id; read from the node when omitted. */
  chainId?: number;
  /** Confirmations to wait for (1 = mined). Default 1. */
  confirmations?: number;
  /** Fee cap per gas in wei; the post fails with a retryable `FeeCapExceededError` when the base fee is above it. */
  maxFeePerGas?: bigint;
  /** Gas limit = estimate × this. Default 1.2. */
  gasMultiplier?: number;
  /** Retries per RPC call on transient failures. Default 5. */
  retries?: number;
  /** First backoff delay in ms. Default 250. */
  retryDelayMs?: number;
  /** Receipt wait limit in ms. Default 300000. */
  receiptTimeoutMs?: number;
  /** Receipt polling interval in ms. Default: the client's. */
  pollingIntervalMs?: number;
  /**
   * First block to search for the ReportPosted event of an already-posted report: the oracle's
   * deployment block (public RPCs refuse log ranges from genesis). Default 0.
   */
  fromBlock?: bigint;
  /**
   * Serializes posts per account, so two posts never take the same nonce. Default: within this
   * process; `createPgAccountLock` extends it to every poster sharing the database.
   */
  lock?: AccountLock;
  /** Times a transaction not mined within `receiptTimeoutMs` is replaced (same nonce, fees +12.5%) in one call. Default 3. */
  maxReplacements?: number;
  metrics?: Metrics["oracle"];
  logger?: Logger;
};

type Posted = { reportId: number; digest: Hex; txHash: Hex; blockNumber: bigint; gasUsed: bigint };

export type PostReportReturnType =
  | ({ status: "posted" } & Posted)
  | ({ status: "already-posted" } & Pick<Posted, "reportId" | "digest"> &
      Partial<Pick<Posted, "txHash" | "blockNumber" | "gasUsed">>);

/** Runs `fn` while holding the lock named `key` (one poster account on one chain). */
export type AccountLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

const accountLocks = new Map<string, Promise<unknown>>();

/**
 * Posts a signed report to RiskOracle, exactly once.
 *
 * Idempotent per report: the chain is checked first (`reportIdOf(digest)`), so a report that is
 * already on-chain (posted by an earlier run, another poster, or a transaction whose response was
 * lost) is recognised and returned as `already-posted` with its transaction. A transaction is
 * signed locally and recorded in `store` as `sending` (hash, nonce, raw bytes) *before* it is
 * broadcast; after a failure or restart the same transaction is looked up or re-broadcast rather
 * than a new one built, and the contract itself refuses a second copy of a report.
 *
 * Gas is estimated (a revert is reported with its custom error before anything is sent), fees are
 * capped by `maxFeePerGas`, nonces come from the node's pending count under a per-account lock,
 * and every RPC call is retried on transient failures. A transaction that is not mined in time is
 * replaced at the same nonce with fees bumped 12.5% (what nodes require of a replacement), never
 * above the cap; whichever of the two is mined, the contract takes the report once. Throws an `OracleError`: retryable ones
 * (RPC down, fee cap, timeout) can be retried later by calling again with the same report.
 */
export async function postReport(p: PostReportParameters): Promise<PostReportReturnType> {
  const { publicClient, account, oracle, report, store, metrics, logger } = p;
  const retries = p.retries ?? 5;
  const delayMs = p.retryDelayMs ?? 250;
  const confirmations = p.confirmations ?? 1;
  // The poster's backoff, delayMs * 2^n without jitter or cap, on the oracle errors' retryable
  // flag; `final` names a failure that ends the loop as it is.
  const backoff = (method: string, final?: (error: unknown) => boolean): RetryParameters => ({
    retries,
    delayMs,
    factor: 2,
    jitter: 0,
    maxDelayMs: Number.POSITIVE_INFINITY,
    shouldRetry: (error) => error instanceof OracleError && error.retryable && !final?.(error),
    onRetry: () => metrics?.rpcRetries.inc({ method }),
  });
  const rpc = <T>(context: string, fn: () => Promise<T>) =>
    retry(async () => {
      try {
        return await fn();
      } catch (e) {
        throw toOracleError(e, context);
      }
    }, backoff(context));

  const chainId = p.chainId ?? (await rpc("eth_chainId", () => publicClient.getChainId()));
  const digest = hashReport({ report, chainId, oracle });
  const key: PostRecordKey = { chainId, oracle, digest };
  const log = logger?.child({ digest, epoch: report.epoch.toString(), oracle });

  const reportIdOnChain = async () =>
    Number(
      await rpc("reportIdOf", () =>
        publicClient.readContract({
          address: oracle,
          abi: riskOracleAbi,
          functionName: "reportIdOf",
          args: [digest],
        }),
      ),
    );

  const receiptOf = (hash: Hex) =>
    rpc("eth_getTransactionReceipt", async () => {
      try {
        return await publicClient.getTransactionReceipt({ hash });
      } catch (e) {
        if (e instanceof TransactionReceiptNotFoundError) return undefined;
        throw e;
      }
    });

  const isKnown = async (hash: Hex) => {
    if (await receiptOf(hash)) return true;
    return rpc("eth_getTransactionByHash", async () => {
      try {
        await publicClient.getTransaction({ hash });
        return true;
      } catch (e) {
        if (e instanceof TransactionNotFoundError) return false;
        throw e;
      }
    });
  };

  const waitConfirmed = async (hash: Hex): Promise<TransactionReceipt> => {
    // A receipt timeout goes to the caller (it replaces the transaction), not to another wait.
    let timedOut: unknown;
    return retry(
      async () => {
        try {
          return await publicClient.waitForTransactionReceipt({
            hash,
            confirmations,
            timeout: p.receiptTimeoutMs ?? 300_000,
            ...(p.pollingIntervalMs !== undefined && { pollingInterval: p.pollingIntervalMs }),
          });
        } catch (e) {
          if (e instanceof WaitForTransactionReceiptTimeoutError) {
            timedOut = new TransactionTimeoutError(hash, { cause: e });
            throw timedOut;
          }
          throw toOracleError(e, "waitForTransactionReceipt");
        }
      },
      backoff("waitForTransactionReceipt", (error) => error === timedOut),
    );
  };

  /** The report is on-chain already: find its transaction, wait for confirmations, record it. */
  const alreadyPosted = async (reportId: number): Promise<PostReportReturnType> => {
    const logs = await rpc("eth_getLogs", () =>
      publicClient.getContractEvents({
        address: oracle,
        abi: riskOracleAbi,
        eventName: "ReportPosted",
        args: { reportId },
        fromBlock: p.fromBlock ?? 0n,
        toBlock: "latest",
      }),
    );
    const event = logs.find((l) => l.args.digest?.toLowerCase() === digest.toLowerCase());
    let result: PostReportReturnType = { status: "already-posted", reportId, digest };
    if (event?.transactionHash) {
      const receipt = await waitConfirmed(event.transactionHash);
      result = {
        ...result,
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
        gasUsed: receipt.gasUsed,
      };
    }
    await store.markConfirmed({
      ...key,
      reportId,
      txHash: result.txHash,
      blockNumber: result.blockNumber,
      gasUsed: result.gasUsed,
    });
    metrics?.transactions.inc({ status: "already_posted" });
    log?.info({ reportId, txHash: result.txHash }, "report already on-chain");
    return result;
  };

  const broadcast = async (raw: Hex, hash: Hex) => {
    // A failed isKnown check has been retried by rpc already: it ends the broadcast as it is.
    let checkFailed: unknown;
    await retry(
      async () => {
        try {
          await publicClient.sendRawTransaction({ serializedTransaction: raw });
        } catch (e) {
          // The node may have taken it even though the answer was lost, or it is already mined.
          let known: boolean;
          try {
            known = await isKnown(hash);
          } catch (error) {
            checkFailed = error;
            throw error;
          }
          if (!known) throw toOracleError(e, "eth_sendRawTransaction");
        }
      },
      backoff("eth_sendRawTransaction", (error) => error === checkFailed),
    );
  };

  /** Resumes a transaction recorded by an earlier attempt; undefined when it can never be mined. */
  const resume = async (
    txHash: Hex,
    nonce: number | undefined,
    raw: Hex | undefined,
  ): Promise<Hex | undefined> => {
    const receipt = await receiptOf(txHash);
    if (receipt) return receipt.status === "success" ? txHash : undefined; // a reverted one is never retried as is
    if (await isKnown(txHash)) return txHash; // still pending
    if (raw === undefined || nonce === undefined) return undefined;
    const mined = await rpc("eth_getTransactionCount", () =>
      publicClient.getTransactionCount({ address: account.address, blockTag: "latest" }),
    );
    if (nonce < mined) return undefined; // its nonce went to another transaction
    log?.warn({ txHash, nonce }, "re-broadcasting a recorded report transaction");
    await broadcast(raw, txHash);
    metrics?.transactions.inc({ status: "rebroadcast" });
    await store.markSent({ ...key, txHash });
    return txHash;
  };

  const sendNew = async (): Promise<Hex> => {
    const args = [report, [...p.signatures], p.proof ?? "0x", [...(p.instances ?? [])]] as const;
    const data = encodeFunctionData({ abi: riskOracleAbi, functionName: "postReport", args });
    const estimate = await rpc("eth_estimateGas", () =>
      publicClient.estimateContractGas({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "postReport",
        args,
        account: account.address,
      }),
    );
    const gas = (estimate * BigInt(Math.round((p.gasMultiplier ?? 1.2) * 1000))) / 1000n;
    const fees = await rpc("estimateFeesPerGas", () => publicClient.estimateFeesPerGas());
    let maxFeePerGas = fees.maxFeePerGas;
    if (p.maxFeePerGas !== undefined) {
      const block = await rpc("eth_getBlockByNumber", () =>
        publicClient.getBlock({ blockTag: "latest" }),
      );
      const baseFee = block.baseFeePerGas ?? 0n;
      if (baseFee > p.maxFeePerGas) throw new FeeCapExceededError(baseFee, p.maxFeePerGas);
      if (maxFeePerGas > p.maxFeePerGas) maxFeePerGas = p.maxFeePerGas;
    }
    const maxPriorityFeePerGas =
      fees.maxPriorityFeePerGas < maxFeePerGas ? fees.maxPriorityFeePerGas : maxFeePerGas;
    const nonce = await rpc("eth_getTransactionCount", () =>
      publicClient.getTransactionCount({ address: account.address, blockTag: "pending" }),
    );
    const raw = await account.signTransaction({
      type: "eip1559",
      chainId,
      to: oracle,
      data,
      gas,
      nonce,
      maxFeePerGas,
      maxPriorityFeePerGas,
    });
    const txHash = keccak256(raw);
    await store.markSending({ ...key, txHash, nonce, rawTransaction: raw });
    log?.info(
      { txHash, nonce, gas: gas.toString(), maxFeePerGas: maxFeePerGas.toString() },
      "sending report transaction",
    );
    await broadcast(raw, txHash);
    metrics?.transactions.inc({ status: "sent" });
    await store.markSent({ ...key, txHash });
    return txHash;
  };

  /** Re-signs the recorded transaction at its nonce with bumped fees (within the cap) and sends it. */
  const replace = async (stuck: Hex): Promise<Hex> => {
    const record = await store.get(key);
    if (!record?.rawTransaction || record.txHash !== stuck)
      throw new TransactionTimeoutError(stuck);
    const old = parseTransaction(record.rawTransaction);
    if (old.type !== "eip1559" || old.nonce === undefined) throw new TransactionTimeoutError(stuck);
    const bump = (fee: bigint) => (fee * 1125n) / 1000n + 1n;
    const current = await rpc("estimateFeesPerGas", () => publicClient.estimateFeesPerGas());
    let maxFeePerGas = max(bump(old.maxFeePerGas ?? 0n), current.maxFeePerGas);
    if (p.maxFeePerGas !== undefined && maxFeePerGas > p.maxFeePerGas)
      maxFeePerGas = p.maxFeePerGas;
    // Without room for a real bump a replacement would be refused as underpriced: wait instead.
    if (maxFeePerGas < bump(old.maxFeePerGas ?? 0n))
      throw new FeeCapExceededError(bump(old.maxFeePerGas ?? 0n), p.maxFeePerGas ?? maxFeePerGas);
    const maxPriorityFeePerGas = min(
      max(bump(old.maxPriorityFeePerGas ?? 0n), current.maxPriorityFeePerGas),
      maxFeePerGas,
    );
    const raw = await account.signTransaction({
      type: "eip1559",
      chainId,
      to: old.to!,
      data: old.data,
      gas: old.gas,
      nonce: old.nonce,
      maxFeePerGas,
      maxPriorityFeePerGas,
    });
    const txHash = keccak256(raw);
    await store.markSending({ ...key, txHash, nonce: old.nonce, rawTransaction: raw });
    log?.warn(
      { stuck, txHash, nonce: old.nonce, maxFeePerGas: maxFeePerGas.toString() },
      "replacing a report transaction not mined in time",
    );
    await broadcast(raw, txHash);
    metrics?.transactions.inc({ status: "replaced" });
    await store.markSent({ ...key, txHash });
    return txHash;
  };

  return (p.lock ?? withAccountLock)(`${chainId}:${account.address.toLowerCase()}`, async () => {
    const existingId = await reportIdOnChain();
    if (existingId !== 0) return alreadyPosted(existingId);

    const record = await store.get(key);
    let txHash: Hex | undefined;
    if (record?.txHash && record.status !== "confirmed")
      txHash = await resume(record.txHash, record.nonce, record.rawTransaction);
    if (txHash === undefined) {
      try {
        txHash = await sendNew();
      } catch (e) {
        // Another poster may have won the race between our check and the estimate.
        if (e instanceof OracleRevertError && e.errorName === "ReportAlreadyPosted")
          return alreadyPosted(await reportIdOnChain());
        if (e instanceof OracleError && !e.retryable)
          await store.markFailed({ ...key, error: e.shortMessage });
        throw e;
      }
    }

    const started = performance.now();
    let receipt: TransactionReceipt;
    for (let replaced = 0; ; replaced++) {
      try {
        receipt = await waitConfirmed(txHash);
        break;
      } catch (e) {
        if (!(e instanceof TransactionTimeoutError) || replaced >= (p.maxReplacements ?? 3))
          throw e;
        // The first transaction may have been mined after all.
        const id = await reportIdOnChain();
        if (id !== 0) return alreadyPosted(id);
        txHash = await replace(txHash);
      }
    }
    if (receipt.status !== "success") {
      const id = await reportIdOnChain();
      if (id !== 0) return alreadyPosted(id);
      metrics?.transactions.inc({ status: "reverted" });
      await store.markFailed({ ...key, txHash, error: "transaction reverted" });
      throw new OracleRevertError("Report transaction reverted", {
        details: `tx ${txHash} in block ${receipt.blockNumber}`,
      });
    }
    const event = parseEventLogs({
      abi: riskOracleAbi,
      eventName: "ReportPosted",
      logs: receipt.logs,
    }).find(
      (l) =>
        l.address.toLowerCase() === oracle.toLowerCase() &&
        l.args.digest.toLowerCase() === digest.toLowerCase(),
    );
    const reportId = event ? Number(event.args.reportId) : await reportIdOnChain();
    await store.markConfirmed({
      ...key,
      reportId,
      txHash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
    });
    metrics?.transactions.inc({ status: "confirmed" });
    metrics?.gasUsed.observe(Number(receipt.gasUsed));
    metrics?.confirmationSeconds.observe((performance.now() - started) / 1000);
    log?.info(
      {
        reportId,
        txHash,
        gasUsed: receipt.gasUsed.toString(),
        block: receipt.blockNumber.toString(),
      },
      "report posted",
    );
    return {
      status: "posted",
      reportId,
      digest,
      txHash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
    };
  });
}

async function withAccountLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = accountLocks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  accountLocks.set(key, settled);
  try {
    return await run;
  } finally {
    if (accountLocks.get(key) === settled) accountLocks.delete(key);
  }
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
