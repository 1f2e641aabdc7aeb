/**
 * A real crash of the poster: its process is killed with SIGKILL after the node took its
 * transaction and before it recorded the answer (no graceful shutdown, no finally blocks). A
 * restarted poster, with the same PostgreSQL record, finishes with exactly one posted report.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { createDb, createPostRecordStore, type Db } from "../../src/db/index.js";
import { createLogger } from "../../src/common/index.js";
import { buildReport, hashReport } from "../../src/report/index.js";
import { riskOracleAbi } from "../../src/chain/index.js";
import { serializeReport } from "../../src/attester/index.js";
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
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const skip = await skipWithoutNode();
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });
const publicClient = publicClientFor();
// Keys of this run alone: the test reads the poster's nonce as "the restarted poster sent nothing".
const deployer = runKey("poster-kill:deployer").account;
const { account: poster, privateKey: posterKey } = runKey("poster-kill:poster");

describe("a poster killed with SIGKILL between broadcast and record", { skip }, () => {
  let f: OracleFixture;
  let proxy: RpcProxy;
  let database: TestDatabase;
  let db: Db;

  before(async () => {
    f = await deployOracleFixture({
      fund: [deployer, poster],
      publicClient,
      walletClient: walletClientFor(deployer),
      label: "poster-kill",
      feedCount: 14,
    });
    proxy = await startRpcProxy(rpcUrl);
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
  });
  after(async () => {
    await proxy?.close();
    await db?.close();
    await database?.drop();
  });

  /** Runs the poster in a child process; `onSpawn` may kill it. */
  const runPoster = (url: string, input: Record<string, unknown>) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/postInChild.ts"], {
      env: {
        ...process.env,
        POST_IN_CHILD: JSON.stringify({
          ...input,
          rpcUrl: url,
          databaseUrl: database.url,
          posterKey,
          oracle: f.oracle,
        }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, output: () => ({ stdout, stderr }) };
  };

  it("leaves the transaction on-chain and a `sending` record; the restarted poster records it and sends nothing new", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 77,
      firstFeedIndex: 0,
      scoresBps: Array.from({ length: 14 }, (_, i) => 80 + i),
      modelHash: MODEL_HASH,
      inputCommitment: 77n,
    });
    const input = { report: serializeReport(report), signatures: await f.sign(report) };
    const key = {
      chainId: f.chainId,
      oracle: f.oracle,
      digest: hashReport({ report, chainId: f.chainId, oracle: f.oracle }),
    };
    const nonceBefore = await publicClient.getTransactionCount({ address: poster.address });
    const reportCount = async () =>
      Number(
        await publicClient.readContract({
          address: f.oracle,
          abi: riskOracleAbi,
          functionName: "reportCount",
        }),
      );

    // The node takes the transaction (and mines it), but its answer never comes back: the poster
    // is killed as soon as the proxy holds that answer.
    const held = proxy.holdResponse("eth_sendRawTransaction");
    const first = runPoster(proxy.url, input);
    const answer = await within(
      Promise.race([
        held,
        first.exited.then(() => {
          throw new Error(`the poster exited before sending: ${first.output().stderr}`);
        }),
      ]),
      60_000,
      () => `the poster did not send: ${first.output().stderr}`,
    );
    first.child.kill("SIGKILL");
    assert.deepEqual(await first.exited, { code: null, signal: "SIGKILL" });
    const crashed = await createPostRecordStore(db.pool).get(key);
    assert.equal(crashed?.status, "sending", "recorded before the broadcast, nothing after");
    assert.equal(
      (JSON.parse(answer) as { result?: string }).result,
      crashed?.txHash,
      "the node took the recorded transaction",
    );
    assert.equal(
      await publicClient.getTransactionCount({ address: poster.address }),
      nonceBefore + 1,
    );

    const second = runPoster(rpcUrl, input);
    const { code } = await second.exited;
    assert.equal(code, 0, second.output().stderr);
    const result = JSON.parse(second.output().stdout.trim().split("\n").pop()!) as {
      status: string;
      txHash: string;
      reportId: number;
    };
    assert.equal(result.txHash, crashed?.txHash, "the crashed poster's transaction");
    assert.equal(await reportCount(), 1, "exactly one posted report");
    assert.equal(
      await publicClient.getTransactionCount({ address: poster.address }),
      nonceBefore + 1,
      "no second transaction",
    );
    const recorded = await createPostRecordStore(db.pool).get(key);
    assert.equal(recorded?.status, "confirmed");
    assert.equal(recorded?.reportId, result.reportId);
  });
});

/** `promise`, or a rejection naming `what` if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  const deadline = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    const late = () => reject(new Error(`${what()} (within ${ms} ms)`));
    deadline.addEventListener("abort", late, { once: true });
    promise.then(resolve, reject).finally(() => deadline.removeEventListener("abort", late));
  });
}
