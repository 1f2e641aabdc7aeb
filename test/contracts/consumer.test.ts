import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type BaseError,
  decodeErrorResult,
  encodeDeployData,
  getAddress,
  keccak256,
  RpcRequestError,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { riskOracleAbi } from "../../src/chain/abi/riskOracle.js";
import {
  riskFeedAdapterAbi,
  riskFeedAdapterBytecode,
} from "../../src/chain/abi/riskFeedAdapter.js";
import { buildReport } from "../../src/report/buildReport.js";
import { mockAggregatorAbi, mockAggregatorBytecode } from "./generated/mockAggregator.js";
import { riskBasedLtvAbi, riskBasedLtvBytecode } from "../../src/chain/abi/riskBasedLtv.js";
import {
  deploy,
  hardhatAccount,
  increaseTime,
  skipWithoutNode,
  publicClientFor,
  revertOf,
  walletClientFor,
  write,
} from "./support/evm.js";
import {
  applyChange,
  deployOracleFixture,
  FAR_FUTURE,
  MODEL_HASH,
  NOW_EPOCH,
  SECONDS_PER_EPOCH,
  type OracleFixture,
} from "./support/oracleFixture.js";

const skip = await skipWithoutNode();
const account = hardhatAccount(6);
const publicClient = publicClientFor();
const walletClient = walletClientFor(account);

const MAX_AGE = 3600;

describe("example CDP consumer (RiskBasedLtv)", { skip }, () => {
  let f: OracleFixture;
  let ltv: Address;
  let fresh: Address;
  let missing: Address;
  let mock: Address;

  // Each feed backs a collateral of its own, bound by the CDP's admin on first use.
  const collateralOf = (feed: Address) =>
    getAddress(keccak256(toHex(`collateral:${feed}`)).slice(0, 42));
  const bound = new Set<Address>();
  const collateral = async (feed: Address) => {
    if (!bound.has(feed))
      await write(publicClient, walletClient, ltv, riskBasedLtvAbi, "bindFeed", [
        collateralOf(feed),
        feed,
      ]);
    bound.add(feed);
    return collateralOf(feed);
  };
  const maxLtv = async (feed: Address) =>
    publicClient.readContract({
      address: ltv,
      abi: riskBasedLtvAbi,
      functionName: "maxLtv",
      args: [await collateral(feed)],
    });
  /** The epoch that started last on the fixture's clock, from the chain's time. */
  const currentEpoch = async () =>
    Number(((await publicClient.getBlock()).timestamp - f.genesisTime) / BigInt(SECONDS_PER_EPOCH));
  const refusal = async (feed: Address) =>
    revertOf(publicClient, account.address, ltv, riskBasedLtvAbi, "maxLtv", [
      await collateral(feed),
    ]);

  before(async () => {
    // 15 feeds: feeds 0..13 fill word 0 and are reported; feed 14 (word 1) never is.
    f = await deployOracleFixture({
      publicClient,
      walletClient,
      label: "consumer",
      feedCount: 15,
      heartbeat: MAX_AGE,
    });
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: NOW_EPOCH - 3,
      scoresBps: [5, 50, 49, ...Array(11).fill(0)],
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      "0x",
      [],
    ]);
    fresh = await deploy(publicClient, walletClient, riskFeedAdapterAbi, riskFeedAdapterBytecode, [
      f.oracle,
      f.feeds[0],
      "operator 0",
    ]);
    missing = await deploy(
      publicClient,
      walletClient,
      riskFeedAdapterAbi,
      riskFeedAdapterBytecode,
      [f.oracle, f.feeds[14], "operator 14"],
    );
    mock = await deploy(publicClient, walletClient, mockAggregatorAbi, mockAggregatorBytecode);
    // 90% LTV at no expected loss, one LTV point off per bp of expected 30-day loss, 0 from 50 bp.
    ltv = await deploy(publicClient, walletClient, riskBasedLtvAbi, riskBasedLtvBytecode, [
      9000,
      100,
      50,
      MAX_AGE,
    ]);
  });

  it("maps a fresh expected loss to an LTV haircut, 0 from the cutoff", async () => {
    assert.equal(await maxLtv(fresh), 8500n); // 9000 - 100 * 5
    const adapterOf = (i: number) =>
      deploy(publicClient, walletClient, riskFeedAdapterAbi, riskFeedAdapterBytecode, [
        f.oracle,
        f.feeds[i],
        `operator ${i}`,
      ]);
    assert.equal(await maxLtv(await adapterOf(1)), 0n, "a loss at the cutoff backs no debt");
    assert.equal(await maxLtv(await adapterOf(2)), 4100n, "just below the cutoff: 9000 - 100 * 49");
  });

  it("refuses a cutoff above 100 bp and a haircut that would take the LTV below 0", async () => {
    // The constructor's revert, from eth_call of the deployment.
    const construct = async (args: readonly [number, number, number, number]) => {
      const data = encodeDeployData({
        abi: riskBasedLtvAbi,
        bytecode: riskBasedLtvBytecode,
        args,
      });
      try {
        await publicClient.call({ account: account.address, data });
        return "deployed";
      } catch (e) {
        // Hardhat puts the revert data in the RPC error's data.
        const rpc = (e as BaseError).walk((x) => x instanceof RpcRequestError);
        const data =
          rpc instanceof RpcRequestError ? (rpc.data as { data?: Hex })?.data : undefined;
        if (!data) throw e;
        return decodeErrorResult({ abi: riskBasedLtvAbi, data }).errorName;
      }
    };
    assert.equal(
      await construct([9000, 90, 100, MAX_AGE]),
      "deployed",
      "cutoff 100: 9000 - 90 * 99 >= 0",
    );
    assert.equal(
      await construct([9000, 1, 101, MAX_AGE]),
      "InvalidParameters",
      "no score exceeds 100",
    );
    assert.equal(
      await construct([9000, 91, 100, MAX_AGE]),
      "InvalidParameters",
      "9000 - 91 * 99 < 0",
    );
    assert.equal(await construct([9000, 100, 0, MAX_AGE]), "InvalidParameters", "cutoff 0");
  });

  it("binds its feed per collateral: only the admin binds, an unbound collateral is refused", async () => {
    const stranger = hardhatAccount(7);
    const unbound = collateralOf(missing);
    assert.deepEqual(
      await revertOf(publicClient, account.address, ltv, riskBasedLtvAbi, "maxLtv", [unbound]),
      { errorName: "UnknownCollateral", args: [unbound] },
    );
    const byStranger = await revertOf(
      publicClient,
      stranger.address,
      ltv,
      riskBasedLtvAbi,
      "bindFeed",
      [unbound, fresh],
    );
    assert.deepEqual(byStranger, { errorName: "NotAdmin", args: [stranger.address] });
    assert.equal(
      await publicClient.readContract({
        address: ltv,
        abi: riskBasedLtvAbi,
        functionName: "admin",
      }),
      account.address,
    );
    // The LTV of a collateral follows its own feed, whatever the caller would prefer.
    assert.equal(await maxLtv(fresh), 8500n);
    assert.equal(
      await publicClient.readContract({
        address: ltv,
        abi: riskBasedLtvAbi,
        functionName: "feedOf",
        args: [collateralOf(fresh)],
      }),
      getAddress(fresh),
    );
  });

  it("refuses a feed that was never reported", async () => {
    assert.deepEqual(await refusal(missing), { errorName: "NoRiskData", args: [] });
  });

  it("refuses out-of-range answers and wrong decimals", async () => {
    const now = (await publicClient.getBlock()).timestamp;
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "set", [3n, 101n, now, 3n]);
    assert.deepEqual(await refusal(mock), { errorName: "RiskOutOfRange", args: [101n] });
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "set", [3n, -1n, now, 3n]);
    assert.deepEqual(await refusal(mock), { errorName: "RiskOutOfRange", args: [-1n] });
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "set", [3n, 100n, now, 2n]);
    assert.equal((await refusal(mock)).errorName, "StaleRisk", "answeredInRound < roundId");
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "set", [3n, 100n, now, 3n]);
    assert.equal(await maxLtv(mock), 0n, "100 bp is in range, beyond the cutoff");
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "set", [3n, 12n, now, 3n]);
    assert.equal(await maxLtv(mock), 7800n);
    await write(publicClient, walletClient, mock, mockAggregatorAbi, "setDecimals", [8]);
    assert.deepEqual(await refusal(mock), { errorName: "UnexpectedDecimals", args: [8] });
  });

  it("sees no fresh answer while the oracle is paused or the report or its model is revoked", async () => {
    const before = await maxLtv(fresh);
    const noAnswer = async (why: string) => {
      const round = await publicClient.readContract({
        address: fresh,
        abi: riskFeedAdapterAbi,
        functionName: "latestRoundData",
      });
      assert.deepEqual([round[3], round[4]], [0n, 0n], `${why}: updatedAt and answeredInRound`);
      assert.equal((await refusal(fresh)).errorName, "NoRiskData", why);
      assert.equal(
        await publicClient.readContract({
          address: f.oracle,
          abi: riskOracleAbi,
          functionName: "isFresh",
          args: [f.feeds[0]],
        }),
        false,
        why,
      );
    };
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "pause", []);
    await noAnswer("paused");
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "unpause", []);
    assert.equal(await maxLtv(fresh), before);

    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "revokeModel", [MODEL_HASH]);
    await noAnswer("model revoked");
    await applyChange(publicClient, walletClient, f.oracle, "acceptModel", [
      MODEL_HASH,
      zeroAddress,
      zeroHash,
      zeroHash,
      0,
      0,
    ]);
    assert.equal(await maxLtv(fresh), before);

    const reportId = (
      await publicClient.readContract({
        address: fresh,
        abi: riskFeedAdapterAbi,
        functionName: "latestRoundData",
      })
    )[0];
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "revokeReport", [
      Number(reportId),
    ]);
    await noAnswer("report revoked");
    // A later report of the feed is served again.
    const next = buildReport({
      validUntil: FAR_FUTURE,
      epoch: NOW_EPOCH - 2,
      scoresBps: [5, 50, 49, ...Array(11).fill(0)],
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      next,
      await f.sign(next),
      "0x",
      [],
    ]);
    assert.equal(await maxLtv(fresh), before);
  });

  it("refuses a score older than its heartbeat", async () => {
    await increaseTime(publicClient, MAX_AGE + 1);
    const r = await refusal(fresh);
    assert.equal(r.errorName, "StaleRisk");
    assert.equal(r.args[1], BigInt(MAX_AGE));
    assert.equal(
      await publicClient.readContract({
        address: f.oracle,
        abi: riskOracleAbi,
        functionName: "isFresh",
        args: [f.feeds[0]],
      }),
      false,
    );
    // A report posted now of an epoch older than the heartbeat is as stale as its data.
    const late = buildReport({
      validUntil: FAR_FUTURE,
      epoch: NOW_EPOCH - 1,
      scoresBps: [10, ...Array(13).fill(0)],
      modelHash: MODEL_HASH,
      inputCommitment: 2n,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      late,
      await f.sign(late),
      "0x",
      [],
    ]);
    assert.equal((await refusal(fresh)).errorName, "StaleRisk", "posted now, dated by its epoch");
    // A report of a recent epoch makes it fresh again.
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: await currentEpoch(),
      scoresBps: [10, ...Array(13).fill(0)],
      modelHash: MODEL_HASH,
      inputCommitment: 2n,
    });
    await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [
      report,
      await f.sign(report),
      "0x",
      [],
    ]);
    assert.equal(await maxLtv(fresh), 8000n); // 9000 - 100 * 10
  });
});
