/**
 * The poster against a real local node, with a proxy that stands in for a bad network or a public
 * RPC: a transaction that is never mined is replaced at its nonce with a bumped fee (never above
 * the cap); two posters sharing PostgreSQL take nonces one at a time; an already-posted report's
 * transaction is found by searching logs from the oracle's deployment block, which a public RPC
 * serves, not from genesis, which it refuses.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { parseTransaction, type Hex } from "viem";
import { createPgAccountLock } from "../../src/db/index.js";
import { createMetrics } from "../../src/metrics/index.js";
import {
  buildReport,
  FeeCapExceededError,
  OracleError,
  type Report,
} from "../../src/report/index.js";
import {
  createMemoryPostRecordStore,
  findDeploymentBlock,
  postReport,
  riskOracleAbi,
  type PostReportParameters,
} from "../../src/chain/index.js";
import {
  publicClientFor,
  rpcUrl,
  runKey,
  skipWithoutNode,
  walletClientFor,
} from "./support/evm.js";
import {
  deployOracleFixture,
  FAR_FUTURE,
  MODEL_HASH,
  type OracleFixture,
} from "./support/oracleFixture.js";
import { startRpcProxy, type RpcProxy } from "./support/rpcProxy.js";
import { adminDatabaseUrl } from "../support/database.js";
import { waitFor } from "../support/waitFor.js";

const skip = await skipWithoutNode();
const publicClient = publicClientFor();
// This run's own accounts, funded by the node, so no other test's (or concurrent run's) nonces move.
const deployer = runKey("poster-hardening:deployer").account;
const poster = runKey("poster-hardening:poster").account;

describe("poster hardening", { skip }, () => {
  let f: OracleFixture;
  let proxy: RpcProxy;
  let epoch = 5_000;
  const metrics = createMetrics().oracle;
  const nextReport = (word = 0): Report =>
    buildReport({
      validUntil: FAR_FUTURE,
      epoch: ++epoch,
      firstFeedIndex: 14 * word,
      scoresBps: Array.from({ length: 14 }, (_, i) => (epoch * 3 + i) % 101),
      modelHash: MODEL_HASH,
      inputCommitment: BigInt(epoch),
    });
  const params = async (report: Report, url = rpcUrl): Promise<PostReportParameters> => ({
    publicClient: publicClientFor(url),
    account: poster,
    oracle: f.oracle,
    report,
    signatures: await f.sign(report),
    store: createMemoryPostRecordStore(),
    retries: 1,
    retryDelayMs: 10,
    pollingIntervalMs: 50,
    receiptTimeoutMs: 10_000,
    metrics,
  });
  const nonce = () => publicClient.getTransactionCount({ address: poster.address });
  const reportCount = async () =>
    Number(
      await publicClient.readContract({
        address: f.oracle,
        abi: riskOracleAbi,
        functionName: "reportCount",
      }),
    );

  before(async () => {
    f = await deployOracleFixture({
      fund: [deployer, poster],
      publicClient,
      walletClient: walletClientFor(deployer),
      label: "poster-hardening",
      feedCount: 28,
    });
    proxy = await startRpcProxy(rpcUrl);
  });
  after(async () => {
    await proxy?.close();
  });

  it("replaces a transaction that is not mined at the same nonce with a bumped fee", async () => {
    const report = nextReport();
    const p = await params(report, proxy.url);
    const sent: Hex[] = [];
    const markSending = p.store.markSending.bind(p.store);
    p.store.markSending = (r) => {
      sent.push(r.rawTransaction);
      return markSending(r);
    };
    const [before, posted] = [await nonce(), await reportCount()];
    proxy.swallowTransactions(1); // taken into a mempool that never mines it
    const result = await postReport({ ...p, receiptTimeoutMs: 1_500, maxFeePerGas: 10n ** 12n });
    assert.equal(result.status, "posted");
    assert.equal(sent.length, 2, "one replacement");
    const [stuck, replacement] = sent.map((raw) => parseTransaction(raw));
    assert.equal(replacement.nonce, stuck.nonce, "same nonce");
    assert.equal(stuck.nonce, before);
    assert.ok(
      replacement.maxFeePerGas! >= (stuck.maxFeePerGas! * 1125n) / 1000n,
      `fee bumped: ${stuck.maxFeePerGas} -> ${replacement.maxFeePerGas}`,
    );
    assert.ok(
      replacement.maxPriorityFeePerGas! >= (stuck.maxPriorityFeePerGas! * 1125n) / 1000n,
      "tip bumped",
    );
    const mined = await publicClient.getTransaction({ hash: result.txHash! });
    assert.equal(mined.nonce, stuck.nonce);
    assert.equal(await nonce(), before + 1);
    assert.equal(await reportCount(), posted + 1);
    assert.equal(
      (await metrics.transactions.get()).values.find((v) => v.labels.status === "replaced")?.value,
      1,
    );
  });

  it("does not replace above the fee cap: it waits (retryable) and sends nothing more", async () => {
    const report = nextReport();
    const block = await publicClient.getBlock({ blockTag: "latest" });
    // A cap the first transaction already uses in full: no room for a replacement.
    const cap = block.baseFeePerGas! + 1n;
    const p = await params(report, proxy.url);
    const sent: Hex[] = [];
    const markSending = p.store.markSending.bind(p.store);
    p.store.markSending = (r) => {
      sent.push(r.rawTransaction);
      return markSending(r);
    };
    const forwarded = proxy.forwarded.get("eth_sendRawTransaction") ?? 0;
    proxy.swallowTransactions(1);
    await assert.rejects(
      postReport({ ...p, receiptTimeoutMs: 1_000, maxFeePerGas: cap }),
      (e: unknown) => e instanceof FeeCapExceededError && e.retryable,
    );
    assert.equal(sent.length, 1);
    assert.equal(parseTransaction(sent[0]).maxFeePerGas, cap);
    assert.equal(
      proxy.forwarded.get("eth_sendRawTransaction") ?? 0,
      forwarded,
      "nothing reached the node",
    );
    // Later, through a working node, the recorded transaction itself is sent: still one nonce.
    const before = await nonce();
    const result = await postReport({ ...p, maxFeePerGas: cap * 10n });
    assert.equal(result.status, "posted");
    assert.equal(
      result.txHash,
      (await p.store.get({ chainId: f.chainId, oracle: f.oracle, digest: result.digest }))?.txHash,
    );
    assert.equal(await nonce(), before + 1);
  });

  it("retries a refused broadcast `retries` times, waiting delayMs * 2^n without jitter, then gives up retryable", async () => {
    const report = nextReport();
    const p = await params(report, proxy.url);
    const retriesOf = async () =>
      (await metrics.rpcRetries.get()).values.find(
        (v) => v.labels.method === "eth_sendRawTransaction",
      )?.value ?? 0;
    const [retried, forwarded] = [
      await retriesOf(),
      proxy.forwarded.get("eth_sendRawTransaction") ?? 0,
    ];
    proxy.refuse("eth_sendRawTransaction", 3);
    const started = performance.now();
    await assert.rejects(
      postReport({ ...p, retries: 2, retryDelayMs: 200 }),
      (e: unknown) => e instanceof OracleError && e.retryable,
    );
    assert.ok(
      performance.now() - started >= 200 + 400,
      "two waits, the second doubled, none shortened",
    );
    assert.equal((await retriesOf()) - retried, 2);
    assert.equal(
      proxy.forwarded.get("eth_sendRawTransaction") ?? 0,
      forwarded,
      "nothing reached the node",
    );
    // Three calls took the three refusals: the next post goes through at once.
    const result = await postReport({ ...p, retries: 0 });
    assert.equal(result.status, "posted");
  });

  it("takes nonces one at a time across posters that share PostgreSQL", async () => {
    const pools = [
      new pg.Pool({ connectionString: adminDatabaseUrl(), max: 2 }),
      new pg.Pool({ connectionString: adminDatabaseUrl(), max: 2 }),
    ];
    try {
      const [lockA, lockB] = pools.map(createPgAccountLock);
      // While A holds the account, B does not get in.
      let releaseA!: () => void;
      let aEntered!: () => void;
      const aHolds = new Promise<void>((resolve) => {
        aEntered = resolve;
      });
      const heldA = lockA(
        "k",
        () =>
          new Promise<void>((resolve) => {
            releaseA = resolve;
            aEntered();
          }),
      );
      await aHolds;
      let bEntered = false;
      const b = lockB("k", async () => {
        bEntered = true;
      });
      // PostgreSQL has no event for a session starting to wait on a lock: a bounded poll of
      // pg_stat_activity (B's pool has a second connection to ask with) until B's lock call waits.
      await waitFor(
        async () => {
          const { rows } = await pools[1].query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND wait_event = 'advisory'
              AND query LIKE 'SELECT pg_advisory_lock(hashtext(''risk-oracle:poster-account'')%'`,
          );
          return rows[0].n > 0;
        },
        { what: "B's session waiting on A's advisory lock" },
      );
      assert.equal(bEntered, false, "B waits for A's lock");
      releaseA();
      await Promise.all([heldA, b]);
      assert.equal(bEntered, true);

      // Two post workers (each with its own lock connection, no shared process memory) at once.
      const before = await nonce();
      const [a, c] = [nextReport(0), nextReport(1)];
      const results = await Promise.all([
        postReport({ ...(await params(a)), lock: lockA }),
        postReport({ ...(await params(c)), lock: lockB }),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ["posted", "posted"],
      );
      assert.equal(await nonce(), before + 2);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("finds an already-posted report by searching logs from the deployment block, which a public RPC serves", async () => {
    const deployedAt = await findDeploymentBlock({ publicClient, address: f.oracle });
    assert.ok(
      (await publicClient.getCode({ address: f.oracle, blockNumber: deployedAt })) !== undefined,
    );
    assert.equal(
      await publicClient.getCode({ address: f.oracle, blockNumber: deployedAt - 1n }),
      undefined,
    );

    const report = nextReport();
    const first = await postReport(await params(report));
    // A public RPC: log queries that start before the deployment (a range from genesis) are refused.
    proxy.refuseCalls(
      ({ method, params }) =>
        method === "eth_getLogs" &&
        BigInt((params[0] as { fromBlock?: string }).fromBlock ?? "0x0") < deployedAt,
    );
    try {
      await assert.rejects(
        postReport({ ...(await params(report, proxy.url)) }),
        "from genesis: refused",
      );
      const again = await postReport({
        ...(await params(report, proxy.url)),
        fromBlock: deployedAt,
      });
      assert.equal(again.status, "already-posted");
      assert.equal(again.txHash, first.txHash);
    } finally {
      proxy.refuseCalls(undefined);
    }
  });
});
