import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Hex } from "viem";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import { buildReport } from "../../src/report/buildReport.js";
import { collectSignatures } from "../../src/attester/collectSignatures.js";
import {
  createMemoryPostRecordStore,
  type MemoryPostRecordStore,
} from "../../src/chain/createMemoryPostRecordStore.js";
import {
  FeeCapExceededError,
  InsufficientSignaturesError,
  OracleError,
  OracleRevertError,
} from "../../src/report/errors.js";
import { hashReport } from "../../src/report/hashReport.js";
import { postReport, type PostReportParameters } from "../../src/chain/postReport.js";
import { signReport } from "../../src/report/signReport.js";
import type { Report } from "../../src/report/types.js";
import { createMetrics } from "../../src/metrics/createMetrics.js";
import {
  publicClientFor,
  rpcUrl,
  runKey,
  skipWithoutNode,
  testKey,
  walletClientFor,
} from "./support/evm.js";
import {
  deployOracleFixture,
  FAR_FUTURE,
  MODEL_HASH,
  type OracleFixture,
} from "./support/oracleFixture.js";
import { startRpcProxy, type RpcProxy } from "./support/rpcProxy.js";

const skip = await skipWithoutNode();
// This run's own accounts, funded by the node: Hardhat's #8 was also another file's sender.
const deployer = runKey("poster:deployer").account;
const poster = runKey("poster:poster").account;
const publicClient = publicClientFor();
const walletClient = walletClientFor(deployer);

describe("poster (postReport)", { skip }, () => {
  let f: OracleFixture;
  let proxy: RpcProxy;
  let epoch = 1000;
  const metrics = createMetrics().oracle;

  /** A new report for word 0 (feeds 0..13) or word 1 (feeds 14..27) at the next epoch. */
  const nextReport = (word = 0): Report =>
    buildReport({
      validUntil: FAR_FUTURE,
      epoch: ++epoch,
      firstFeedIndex: 14 * word,
      scoresBps: Array.from({ length: 14 }, (_, i) => (epoch * 7 + i) % 101),
      modelHash: MODEL_HASH,
      inputCommitment: BigInt(epoch),
    });

  const params = async (
    report: Report,
    store: MemoryPostRecordStore,
    url = rpcUrl,
  ): Promise<PostReportParameters> => ({
    publicClient: publicClientFor(url),
    account: poster,
    oracle: f.oracle,
    report,
    signatures: await f.sign(report),
    store,
    retries: 2,
    retryDelayMs: 10,
    pollingIntervalMs: 20,
    receiptTimeoutMs: 10_000,
    metrics,
  });

  const nonce = () => publicClient.getTransactionCount({ address: poster.address });
  const postedEvents = async (digest: Hex) =>
    (
      await publicClient.getContractEvents({
        address: f.oracle,
        abi: riskOracleAbi,
        eventName: "ReportPosted",
        fromBlock: 0n,
      })
    ).filter((e) => e.args.digest === digest);

  before(async () => {
    f = await deployOracleFixture({
      fund: [deployer, poster],
      publicClient,
      walletClient,
      label: "poster",
      feedCount: 28,
    });
    proxy = await startRpcProxy(rpcUrl);
  });
  after(async () => {
    await proxy?.close();
  });

  it("posts, records sending → sent → confirmed, and returns tx hash, gas and block", async () => {
    const store = createMemoryPostRecordStore();
    const calls: string[] = [];
    for (const m of ["markSending", "markSent", "markConfirmed", "markFailed"] as const) {
      const original = store[m].bind(store) as (r: never) => Promise<void>;
      (store as Record<string, unknown>)[m] = (r: never) => {
        calls.push(m);
        return original(r);
      };
    }
    const report = nextReport();
    const result = await postReport(await params(report, store));
    assert.equal(result.status, "posted");
    assert.deepEqual(calls, ["markSending", "markSent", "markConfirmed"]);
    const receipt = await publicClient.getTransactionReceipt({ hash: result.txHash! });
    assert.equal(receipt.gasUsed, result.gasUsed);
    assert.equal(receipt.blockNumber, result.blockNumber);
    const [record] = store.all();
    assert.equal(record.status, "confirmed");
    assert.equal(record.txHash, result.txHash);
    assert.equal(record.reportId, result.reportId);
    const [score, onChainEpoch] = await publicClient.readContract({
      address: f.oracle,
      abi: riskOracleAbi,
      functionName: "getScore",
      args: [f.feeds[3]],
    });
    assert.equal(onChainEpoch, report.epoch);
    assert.equal(score, Number((report.scoreWords[0] >> 48n) & 0xffffn));
    const confirmed = (await metrics.transactions.get()).values.find(
      (v) => v.labels.status === "confirmed",
    );
    assert.ok(confirmed && confirmed.value >= 1);
  });

  it("recognises an already-posted report instead of sending again, even with an empty store", async () => {
    const report = nextReport();
    const first = await postReport(await params(report, createMemoryPostRecordStore()));
    const before = await nonce();
    const again = await postReport(await params(report, createMemoryPostRecordStore()));
    assert.equal(again.status, "already-posted");
    assert.equal(again.txHash, first.txHash);
    assert.equal(again.gasUsed, first.gasUsed);
    assert.equal(again.reportId, first.reportId);
    assert.equal(await nonce(), before, "no transaction was sent");
  });

  it("survives a lost eth_sendRawTransaction answer without double-posting", async () => {
    const report = nextReport();
    const digest = hashReport({ report, chainId: f.chainId, oracle: f.oracle });
    const before = await nonce();
    const sentBefore = proxy.forwarded.get("eth_sendRawTransaction") ?? 0;
    proxy.dropResponses("eth_sendRawTransaction");
    const result = await postReport(await params(report, createMemoryPostRecordStore(), proxy.url));
    assert.equal(result.status, "posted");
    assert.equal(
      (proxy.forwarded.get("eth_sendRawTransaction") ?? 0) - sentBefore,
      1,
      "the transaction was sent once",
    );
    assert.equal(await nonce(), before + 1);
    assert.equal((await postedEvents(digest)).length, 1);
  });

  it("crashes after the node took the transaction, then a restarted poster recognises the posted report", async () => {
    const report = nextReport();
    const digest = hashReport({ report, chainId: f.chainId, oracle: f.oracle });
    const store = createMemoryPostRecordStore();
    const before = await nonce();
    proxy.dropResponseThenGoDown("eth_sendRawTransaction");
    await assert.rejects(postReport(await params(report, store, proxy.url)), (e: unknown) => {
      assert.ok(e instanceof OracleError);
      assert.equal(e.retryable, true, "an RPC outage is retryable");
      return true;
    });
    const [crashed] = store.all();
    assert.equal(crashed.status, "sending", "the transaction hash was recorded before sending");
    proxy.setDown(false);

    // Restart with the same (persisted) store.
    const resumed = await postReport(await params(report, store, proxy.url));
    assert.equal(resumed.status, "already-posted");
    assert.equal(resumed.txHash, crashed.txHash);
    assert.ok(resumed.gasUsed && resumed.gasUsed > 0n);
    assert.equal(store.all()[0].status, "confirmed");
    // Restart that lost its store too.
    const fresh = await postReport(await params(report, createMemoryPostRecordStore(), proxy.url));
    assert.equal(fresh.status, "already-posted");
    assert.equal(fresh.txHash, crashed.txHash);

    assert.equal(await nonce(), before + 1, "exactly one transaction");
    assert.equal((await postedEvents(digest)).length, 1);
  });

  it("re-broadcasts the recorded transaction when it never reached the node", async () => {
    const report = nextReport();
    const store = createMemoryPostRecordStore();
    const before = await nonce();
    proxy.refuse("eth_sendRawTransaction", 3); // first try + 2 retries
    await assert.rejects(
      postReport(await params(report, store, proxy.url)),
      (e: unknown) => e instanceof OracleError && e.retryable,
    );
    const [record] = store.all();
    assert.equal(record.status, "sending");
    assert.equal(await nonce(), before, "nothing reached the chain");

    const result = await postReport(await params(report, store, proxy.url));
    assert.equal(result.status, "posted");
    assert.equal(result.txHash, record.txHash, "the same signed transaction, not a new one");
    assert.equal(await nonce(), before + 1);
  });

  it("orders nonces for concurrent posts from one account", async () => {
    const before = await nonce();
    const [a, b] = [nextReport(0), nextReport(1)];
    const results = await Promise.all([
      postReport(await params(a, createMemoryPostRecordStore())),
      postReport(await params(b, createMemoryPostRecordStore())),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["posted", "posted"],
    );
    assert.equal(await nonce(), before + 2);
  });

  it("reports a revert with its custom error, not retryable, and sends nothing", async () => {
    const report = nextReport();
    const store = createMemoryPostRecordStore();
    const before = await nonce();
    const p = await params(report, store);
    await assert.rejects(
      postReport({ ...p, signatures: p.signatures.slice(0, 2) }),
      (e: unknown) => {
        assert.ok(e instanceof OracleRevertError);
        assert.equal(e.errorName, "InsufficientSignatures");
        assert.equal(e.retryable, false);
        return true;
      },
    );
    assert.equal(store.all()[0]?.status, "failed");
    assert.equal(await nonce(), before);
  });

  it("refuses to pay above the fee cap (retryable)", async () => {
    const report = nextReport();
    await assert.rejects(
      postReport({ ...(await params(report, createMemoryPostRecordStore())), maxFeePerGas: 1n }),
      (e: unknown) => {
        assert.ok(e instanceof FeeCapExceededError);
        assert.equal(e.retryable, true);
        return true;
      },
    );
  });

  it("collects signatures until the threshold, skipping bad attesters", async () => {
    const report = nextReport();
    const target = { chainId: f.chainId, oracle: f.oracle };
    const stranger = testKey("poster:stranger");
    const sourceOf =
      (account: (typeof f.attesters)[number], delayMs = 0) =>
      async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        return signReport({ account, report, ...target });
      };
    const attesters = f.attesters.map((a) => a.address);
    const got = await collectSignatures({
      report,
      ...target,
      attesters,
      threshold: 3,
      sources: [
        async () => signReport({ account: stranger, report, ...target }),
        async () => {
          throw new Error("attester offline");
        },
        sourceOf(f.attesters[0]),
        sourceOf(f.attesters[0]),
        sourceOf(f.attesters[1], 10),
        sourceOf(f.attesters[2], 20),
        sourceOf(f.attesters[3], 2000),
      ],
      metrics,
    });
    assert.equal(got.signatures.length, 3);
    assert.deepEqual(new Set(got.signers), new Set(attesters.slice(0, 3)));
    const result = await postReport({
      ...(await params(report, createMemoryPostRecordStore())),
      signatures: got.signatures,
    });
    assert.equal(result.status, "posted");

    await assert.rejects(
      collectSignatures({
        report,
        ...target,
        attesters,
        threshold: 3,
        sources: [
          sourceOf(f.attesters[0]),
          async () => signReport({ account: stranger, report, ...target }),
        ],
      }),
      (e: unknown) => e instanceof InsufficientSignaturesError && e.retryable,
    );
  });
});
