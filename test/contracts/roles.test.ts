/**
 * RiskOracle's freshness, roles, delayed changes and "no data" lanes, on the local Hardhat node.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeFunctionData, parseEventLogs, zeroAddress, type Address, type Hex } from "viem";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import {
  riskFeedAdapterAbi,
  riskFeedAdapterBytecode,
} from "../../src/chain/abi/riskFeedAdapter.js";
import { riskBasedLtvAbi, riskBasedLtvBytecode } from "../../src/chain/abi/riskBasedLtv.js";
import { buildReport } from "../../src/report/buildReport.js";
import { NO_DATA_SCORE } from "../../src/report/constants.js";
import { deployRiskOracle } from "../../src/chain/deployRiskOracle.js";
import { observeFeedStaleness } from "../../src/chain/observeFeedStaleness.js";
import type { Report } from "../../src/report/types.js";
import { createMetrics } from "../../src/metrics/createMetrics.js";
import {
  deploy,
  increaseTime,
  skipWithoutNode,
  publicClientFor,
  revertOf,
  testKey,
  walletClientFor,
  write,
} from "./support/evm.js";
import {
  changeRevert,
  deployOracleFixture,
  FAR_FUTURE,
  MODEL_HASH,
  NOW_EPOCH,
  SECONDS_PER_EPOCH,
  type OracleFixture,
} from "./support/oracleFixture.js";

const skip = await skipWithoutNode();

// Own keys, funded below, so no other test file's nonces are touched.
const account = testKey("roles:deployer");
const registrar = testKey("roles:registrar");
const publicClient = publicClientFor();
const walletClient = walletClientFor(account);
const DELAY = 3_600;

describe("RiskOracle freshness, roles and no-data feeds", { skip }, () => {
  let f: OracleFixture;
  let oracle: Address;
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: functionName as never,
      args: args as never,
    }) as Promise<T>;
  const rejection = async (report: Report) =>
    revertOf(publicClient, account.address, oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      "0x",
      [],
    ]);
  const post = async (report: Report) =>
    write(publicClient, walletClient, oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      "0x",
      [],
    ]);
  const now = async () => (await publicClient.getBlock()).timestamp;
  const currentEpoch = async () =>
    Number(((await now()) - f.genesisTime) / BigInt(SECONDS_PER_EPOCH));

  before(async () => {
    f = await deployOracleFixture({
      fund: [account, registrar],
      publicClient,
      walletClient,
      label: "roles",
      feedCount: 20,
      heartbeat: 3_600,
      adminDelay: DELAY,
    });
    oracle = f.oracle;
  });

  it("refuses a report past its validUntil and one of an epoch that has not started", async () => {
    const epoch = await currentEpoch();
    const expired = buildReport({
      epoch,
      validUntil: (await now()) - 1n,
      scoresBps: Array(20).fill(100),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    assert.equal((await rejection(expired)).errorName, "ReportExpired");
    const future = buildReport({
      epoch: epoch + 10,
      validUntil: FAR_FUTURE,
      scoresBps: Array(20).fill(100),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const refused = await rejection(future);
    assert.equal(refused.errorName, "EpochInFuture");
    assert.deepEqual(refused.args, [
      BigInt(epoch + 10),
      f.genesisTime + BigInt((epoch + 10) * SECONDS_PER_EPOCH),
    ]);
  });

  it("serves a feed without a score as no data, and still updates the feeds after it", async () => {
    const epoch = await currentEpoch();
    const first = buildReport({
      epoch: epoch - 5,
      validUntil: FAR_FUTURE,
      scoresBps: Array.from({ length: 20 }, (_, i) => 10 + i),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    await post(first);
    const metrics = createMetrics().oracle;
    const watched = [3, 4].map((i) => ({ label: `feed-${i}`, feedId: f.feeds[i] }));
    const staleness = async () =>
      (await metrics.feedStalenessSeconds.get()).values.map((v) => v.labels.feed).sort();
    await observeFeedStaleness({ publicClient, oracle, feeds: watched, metrics });
    assert.deepEqual(await staleness(), ["feed-3", "feed-4"]);
    // Feed 3 has no score at the next epoch: it is reported as NO_DATA, feeds 4..19 with their new scores.
    const scores = Array.from({ length: 20 }, (_, i): number | null => (i === 3 ? null : 40 + i));
    const gap = buildReport({
      epoch,
      validUntil: FAR_FUTURE,
      scoresBps: scores,
      modelHash: MODEL_HASH,
      inputCommitment: 2n,
    });
    await post(gap);
    assert.deepEqual(
      await read("getScore", [f.feeds[3]]),
      [NO_DATA_SCORE, BigInt(epoch), 0n],
      "no data: no time, never the old score as fresh",
    );
    assert.equal(await read<boolean>("isFresh", [f.feeds[3]]), false);
    let updated = 0;
    for (let i = 4; i < 20; i++) {
      const [score, e, updatedAt] = await read<[number, bigint, bigint]>("getScore", [f.feeds[i]]);
      assert.deepEqual(
        [score, e, updatedAt],
        [40 + i, BigInt(epoch), f.genesisTime + BigInt(epoch * SECONDS_PER_EPOCH)],
        `feed ${i}`,
      );
      updated++;
    }
    assert.equal(updated, 16);
    // The staleness gauge drops the no-data feed rather than keep its earlier age.
    const observed = await observeFeedStaleness({ publicClient, oracle, feeds: watched, metrics });
    assert.deepEqual(
      observed.map((o) => [o.label, o.noData, o.stalenessSeconds === undefined]),
      [
        ["feed-3", true, true],
        ["feed-4", false, false],
      ],
    );
    assert.deepEqual(await staleness(), ["feed-4"]);
    assert.equal(await read<boolean>("isFresh", [f.feeds[4]]), true);

    // The adapter gives no answer for it, and the example CDP refuses it.
    const adapter = await deploy(
      publicClient,
      walletClient,
      riskFeedAdapterAbi,
      riskFeedAdapterBytecode,
      [oracle, f.feeds[3], "operator 3"],
    );
    const round = await publicClient.readContract({
      address: adapter,
      abi: riskFeedAdapterAbi,
      functionName: "latestRoundData",
    });
    assert.deepEqual([round[1], round[3], round[4]], [BigInt(NO_DATA_SCORE), 0n, 0n]);
    const cdp = await deploy(
      publicClient,
      walletClient,
      riskBasedLtvAbi,
      riskBasedLtvBytecode,
      [9000, 100, 50, 3_600],
    );
    await write(publicClient, walletClient, cdp, riskBasedLtvAbi, "bindFeed", [
      account.address,
      adapter,
    ]);
    assert.equal(
      (
        await revertOf(publicClient, account.address, cdp, riskBasedLtvAbi, "maxLtv", [
          account.address,
        ])
      ).errorName,
      "NoRiskData",
    );
  });

  it("registers feeds only through the feed registrar the owner sets", async () => {
    const id = `0x${"ab".repeat(32)}` as Hex;
    await write(publicClient, walletClient, oracle, riskOracleAbi, "setFeedRegistrar", [
      registrar.address,
    ]);
    assert.equal(await read<Address>("feedRegistrar"), registrar.address);
    assert.deepEqual(
      await revertOf(publicClient, account.address, oracle, riskOracleAbi, "registerFeeds", [[id]]),
      { errorName: "NotFeedRegistrar", args: [account.address] },
    );
    const stranger = testKey("roles:stranger");
    assert.equal(
      (
        await revertOf(publicClient, stranger.address, oracle, riskOracleAbi, "setFeedRegistrar", [
          stranger.address,
        ])
      ).errorName,
      "NotOwner",
    );
    await write(publicClient, walletClientFor(registrar), oracle, riskOracleAbi, "registerFeeds", [
      [id],
    ]);
    assert.equal(await read<boolean>("isFeedRegistered", [id]), true);
  });

  it("delays changes of attesters, threshold and models: visible, refused before the delay, made after it", async () => {
    const newcomer = testKey("roles:newcomer");
    assert.equal(await read<number>("adminDelay"), DELAY);
    // Direct calls are refused: the only way in is a scheduled change.
    assert.equal(
      (
        await revertOf(publicClient, account.address, oracle, riskOracleAbi, "addAttester", [
          newcomer.address,
        ])
      ).errorName,
      "NotSelf",
    );
    const data = encodeFunctionData({
      abi: riskOracleAbi,
      functionName: "addAttester",
      args: [newcomer.address],
    });
    const scheduled = await write(
      publicClient,
      walletClient,
      oracle,
      riskOracleAbi,
      "scheduleChange",
      [data],
    );
    const [event] = parseEventLogs({
      abi: riskOracleAbi,
      eventName: "ChangeScheduled",
      logs: scheduled.logs,
    });
    const block = await publicClient.getBlock({ blockNumber: scheduled.blockNumber });
    assert.equal(event.args.data, data);
    assert.equal(event.args.readyAt, block.timestamp + BigInt(DELAY));
    assert.equal(
      await read<bigint>("changeReadyAt", [event.args.changeId]),
      block.timestamp + BigInt(DELAY),
      "readers see the pending change",
    );
    const early = await revertOf(
      publicClient,
      account.address,
      oracle,
      riskOracleAbi,
      "executeChange",
      [data],
    );
    assert.equal(early.errorName, "ChangeNotReady");
    // Only the admin changes can be scheduled: pausing is the owner's direct call.
    const pause = encodeFunctionData({ abi: riskOracleAbi, functionName: "pause" });
    assert.equal(
      (
        await revertOf(publicClient, account.address, oracle, riskOracleAbi, "scheduleChange", [
          pause,
        ])
      ).errorName,
      "ChangeNotAllowed",
    );

    await increaseTime(publicClient, DELAY);
    const executed = await write(
      publicClient,
      walletClient,
      oracle,
      riskOracleAbi,
      "executeChange",
      [data],
    );
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "ChangeExecuted", logs: executed.logs })
        .length,
      1,
    );
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "AttesterAdded", logs: executed.logs })
        .length,
      1,
    );
    assert.equal(await read<boolean>("isAttester", [newcomer.address]), true);
    assert.equal(await read<bigint>("changeReadyAt", [event.args.changeId]), 0n);

    // Cancelled changes cannot be executed; pausing and revoking stay immediate.
    const threshold = encodeFunctionData({
      abi: riskOracleAbi,
      functionName: "setThreshold",
      args: [1],
    });
    const again = await write(publicClient, walletClient, oracle, riskOracleAbi, "scheduleChange", [
      threshold,
    ]);
    const [pending] = parseEventLogs({
      abi: riskOracleAbi,
      eventName: "ChangeScheduled",
      logs: again.logs,
    });
    await write(publicClient, walletClient, oracle, riskOracleAbi, "cancelChange", [
      pending.args.changeId,
    ]);
    await increaseTime(publicClient, DELAY);
    assert.equal(
      (
        await revertOf(publicClient, account.address, oracle, riskOracleAbi, "executeChange", [
          threshold,
        ])
      ).errorName,
      "ChangeNotScheduled",
    );
    await write(publicClient, walletClient, oracle, riskOracleAbi, "revokeModel", [MODEL_HASH]);
    assert.equal(await read<boolean>("isModelAccepted", [MODEL_HASH]), false);
  });

  it("lowers the heartbeat at once but raises it only through a delayed change", async () => {
    const current = await read<number>("heartbeat");
    assert.ok(current > 2, `heartbeat ${current}`);
    const lowered = current - 1;
    await write(publicClient, walletClient, oracle, riskOracleAbi, "setHeartbeat", [lowered]);
    assert.equal(await read<number>("heartbeat"), lowered, "a lower heartbeat applies at once");
    const direct = await revertOf(
      publicClient,
      account.address,
      oracle,
      riskOracleAbi,
      "setHeartbeat",
      [current],
    );
    assert.equal(direct.errorName, "HeartbeatRaiseNeedsDelay");
    assert.deepEqual(direct.args, [lowered, current]);

    // Scheduled, the raise waits for the delay like any admin change.
    const early = await changeRevert(publicClient, walletClient, oracle, "setHeartbeat", [current]);
    assert.equal(early.errorName, "ChangeNotReady");
    await increaseTime(publicClient, DELAY);
    const raise = encodeFunctionData({
      abi: riskOracleAbi,
      functionName: "setHeartbeat",
      args: [current],
    });
    const executed = await write(
      publicClient,
      walletClient,
      oracle,
      riskOracleAbi,
      "executeChange",
      [raise],
    );
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "HeartbeatSet", logs: executed.logs }).length,
      1,
    );
    assert.equal(await read<number>("heartbeat"), current, "the scheduled raise applied");
  });

  it("deployRiskOracle refuses an owner that is the poster in production", async () => {
    const clock = { genesisTime: Number(NOW_EPOCH), secondsPerEpoch: SECONDS_PER_EPOCH };
    const common = {
      publicClient,
      walletClient,
      feedRegistrar: account.address,
      attesters: [testKey("roles:a").address],
      threshold: 1,
      heartbeat: 60,
      clock,
      adminDelay: DELAY,
    };
    await assert.rejects(
      deployRiskOracle({
        ...common,
        owner: account.address,
        poster: account.address,
        production: true,
      }),
      { code: "ORACLE_ROLES" },
    );
    const { address } = await deployRiskOracle({
      ...common,
      owner: registrar.address,
      poster: account.address,
      production: true,
      model: {
        modelHash: MODEL_HASH,
        verifier: account.address,
        vkHash: MODEL_HASH,
        settingsHash: MODEL_HASH,
        outScale: 10,
        logrows: 14,
      },
    });
    const owner = await publicClient.readContract({
      address,
      abi: riskOracleAbi,
      functionName: "owner",
    });
    assert.equal(owner, registrar.address);
    assert.notEqual(
      await publicClient.readContract({
        address,
        abi: riskOracleAbi,
        functionName: "feedRegistrar",
      }),
      zeroAddress,
    );
    assert.equal(
      await publicClient.readContract({
        address,
        abi: riskOracleAbi,
        functionName: "isModelAccepted",
        args: [MODEL_HASH],
      }),
      true,
      "the first model is accepted at deployment",
    );
  });
});
