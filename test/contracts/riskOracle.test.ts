import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  keccak256,
  parseEventLogs,
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
import { bpsFromFelt } from "../../src/report/bpsFromFelt.js";
import { buildReport } from "../../src/report/buildReport.js";
import { FIELD_MODULUS, MAX_SCORE_BPS } from "../../src/report/constants.js";
import { instancesFromEzkl } from "../../src/report/instancesFromEzkl.js";
import { scoresFromInstances } from "../../src/report/scoresFromInstances.js";
import { feedId } from "../../src/report/feedId.js";
import { hashReport } from "../../src/report/hashReport.js";
import type { Report } from "../../src/report/types.js";
import { testHalo2VerifierAbi, testHalo2VerifierBytecode } from "./generated/testHalo2Verifier.js";
import {
  deploy,
  hardhatAccount,
  skipWithoutNode,
  publicClientFor,
  revertOf,
  testKey,
  walletClientFor,
  write,
} from "./support/evm.js";
import {
  applyChange,
  changeRevert,
  deployOracleFixture,
  FAR_FUTURE,
  MODEL_HASH,
  SECONDS_PER_EPOCH,
  type OracleFixture,
} from "./support/oracleFixture.js";

const skip = await skipWithoutNode();

const account = hardhatAccount(5);
const other = hardhatAccount(6);
const publicClient = publicClientFor();
const walletClient = walletClientFor(account);
const otherWallet = walletClientFor(other);

// Expected 30-day losses in bp of stake, 0..95: room for the +1..+3 variants below the 100 bp cap.
const scores20 = Array.from({ length: 20 }, (_, i) => i * 5);

describe("RiskOracle", { skip }, () => {
  let f: OracleFixture;
  let oracle: Address;

  const postArgs = (
    report: Report,
    signatures: readonly Hex[],
    proof: Hex = "0x",
    instances: readonly bigint[] = [],
  ) => [report, [...signatures], proof, [...instances]] as const;
  const post = async (
    report: Report,
    signatures: readonly Hex[],
    proof?: Hex,
    instances?: readonly bigint[],
  ) =>
    write(
      publicClient,
      walletClient,
      oracle,
      riskOracleAbi,
      "postReport",
      postArgs(report, signatures, proof, instances),
    );
  const rejection = (
    report: Report,
    signatures: readonly Hex[],
    proof?: Hex,
    instances?: readonly bigint[],
  ) =>
    revertOf(
      publicClient,
      account.address,
      oracle,
      riskOracleAbi,
      "postReport",
      postArgs(report, signatures, proof, instances),
    );
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: functionName as never,
      args: args as never,
    }) as Promise<T>;

  before(async () => {
    f = await deployOracleFixture({
      publicClient,
      walletClient,
      label: "riskOracle",
      feedCount: 20,
    });
    oracle = f.oracle;
  });

  it("accepts a 3-of-5 signed report and serves every score with its epoch and its epoch's time", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 100,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 42n,
    });
    const digest = hashReport({ report, chainId: f.chainId, oracle });
    assert.equal(
      await read<Hex>("hashReport", [report]),
      digest,
      "TypeScript and Solidity EIP-712 digests agree",
    );

    const receipt = await post(
      report,
      await f.sign(report, [f.attesters[4], f.attesters[0], f.attesters[2]]),
    );
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    for (const i of [0, 1, 13, 14, 19]) {
      const [score, epoch, updatedAt] = await read<[number, bigint, bigint]>("getScore", [
        f.feeds[i],
      ]);
      assert.equal(score, scores20[i], `feed ${i}`);
      assert.equal(epoch, 100n);
      // The data's time (genesis + epoch x seconds per epoch), not the post's.
      assert.equal(updatedAt, f.genesisTime + 100n * BigInt(SECONDS_PER_EPOCH));
      assert.notEqual(updatedAt, block.timestamp);
    }
    assert.equal(await read<number>("reportIdOf", [digest]), 1);
    const header = await read<{
      epoch: bigint;
      modelHash: Hex;
      inputCommitment: bigint;
      feedCount: number;
    }>("getReport", [1]);
    assert.equal(header.epoch, 100n);
    assert.equal(header.modelHash, MODEL_HASH);
    assert.equal(header.inputCommitment, 42n);
    assert.equal(header.feedCount, 20);
    const [event] = parseEventLogs({
      abi: riskOracleAbi,
      eventName: "ReportPosted",
      logs: receipt.logs,
    });
    assert.equal(event.args.reportId, 1);
    assert.equal(event.args.digest, digest);
    assert.deepEqual(event.args.scoreWords, report.scoreWords);
    // Posted just now, but its epoch is days old: not fresh.
    assert.equal(await read<boolean>("isFresh", [f.feeds[3]]), false);
  });

  it("rejects too few signatures", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const r = await rejection(report, await f.sign(report, f.attesters.slice(0, 2)));
    assert.equal(r.errorName, "InsufficientSignatures");
    assert.deepEqual(r.args, [2n, 3n]);
  });

  it("rejects a signer outside the attester set", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const stranger = testKey("riskOracle:stranger");
    const r = await rejection(
      report,
      await f.sign(report, [f.attesters[0], f.attesters[1], stranger]),
    );
    assert.equal(r.errorName, "UnknownSigner");
    assert.equal((r.args[0] as string).toLowerCase(), stranger.address.toLowerCase());
  });

  it("rejects the same attester twice", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const [a, b] = await f.sign(report, f.attesters.slice(0, 2));
    const r = await rejection(report, [a, b, a]);
    assert.equal(r.errorName, "DuplicateSigner");
    assert.equal((r.args[0] as string).toLowerCase(), f.attesters[0].address.toLowerCase());
  });

  it("rejects signatures made for another chain or another deployment", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const otherChain = await rejection(report, await f.sign(report, undefined, { chainId: 1 }));
    assert.equal(otherChain.errorName, "UnknownSigner");
    // The same label gives the same attesters: only the contract differs.
    const twin = (
      await deployOracleFixture({ publicClient, walletClient, label: "riskOracle", feedCount: 0 })
    ).oracle;
    const otherContract = await rejection(
      report,
      await f.sign(report, undefined, { oracle: twin }),
    );
    assert.equal(otherContract.errorName, "UnknownSigner");
  });

  it("rejects a malformed signature (high s)", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const [a, b, c] = await f.sign(report);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${c.slice(66, 130)}`);
    const v = Number.parseInt(c.slice(130), 16) === 27 ? "1c" : "1b";
    const flipped = `${c.slice(0, 66)}${toHex(n - s, { size: 32 }).slice(2)}${v}` as Hex;
    const r = await rejection(report, [a, b, flipped]);
    assert.equal(r.errorName, "InvalidSignature");
    assert.deepEqual(r.args, [2n]);
  });

  it("rejects a replayed report and an older or equal epoch", async () => {
    const first = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 100,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 42n,
    });
    const replay = await rejection(first, await f.sign(first));
    assert.equal(replay.errorName, "ReportAlreadyPosted");
    assert.equal(replay.args[1], 1);

    const older = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 99,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 7n,
    });
    const r1 = await rejection(older, await f.sign(older));
    assert.equal(r1.errorName, "EpochNotIncreasing");
    assert.deepEqual(r1.args, [0n, 99n, 100n]);

    const same = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 100,
      scoresBps: scores20.map((s) => s + 1),
      modelHash: MODEL_HASH,
      inputCommitment: 7n,
    });
    assert.equal((await rejection(same, await f.sign(same))).errorName, "EpochNotIncreasing");

    // Per feed: the second word alone at an older epoch is refused too.
    const tail = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 50,
      firstFeedIndex: 14,
      scoresBps: scores20.slice(14),
      modelHash: MODEL_HASH,
      inputCommitment: 7n,
    });
    const r2 = await rejection(tail, await f.sign(tail));
    assert.equal(r2.errorName, "EpochNotIncreasing");
    assert.deepEqual(r2.args, [1n, 50n, 100n]);
  });

  it("outside development mode refuses a model without a verifier, and so every report", async () => {
    const strict = await deployOracleFixture({
      publicClient,
      walletClient,
      label: "riskOracle-strict",
      feedCount: 14,
      developmentMode: false,
    });
    assert.equal(
      await publicClient.readContract({
        address: strict.oracle,
        abi: riskOracleAbi,
        functionName: "developmentMode",
      }),
      false,
    );
    const noVerifier = await changeRevert(
      publicClient,
      walletClient,
      strict.oracle,
      "acceptModel",
      [MODEL_HASH, zeroAddress, zeroHash, zeroHash, 10, 14],
    );
    assert.deepEqual(noVerifier, { errorName: "VerifierRequired", args: [MODEL_HASH] });
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 1,
      scoresBps: scores20.slice(0, 14),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const refused = await revertOf(
      publicClient,
      account.address,
      strict.oracle,
      riskOracleAbi,
      "postReport",
      [report, await strict.sign(report), "0x", []],
    );
    assert.equal(refused.errorName, "UnknownModel");
  });

  it("revokes a model: its reports are refused and its pin stays readable", async () => {
    const other = keccak256(toHex("revoked model"));
    await applyChange(publicClient, walletClient, oracle, "acceptModel", [
      other,
      zeroAddress,
      keccak256(toHex("vk")),
      zeroHash,
      10,
      14,
    ]);
    await write(publicClient, walletClient, oracle, riskOracleAbi, "revokeModel", [other]);
    assert.equal(await read<boolean>("isModelAccepted", [other]), false);
    const pin = await read<{ accepted: boolean; vkHash: Hex; outScale: number; logrows: number }>(
      "modelPin",
      [other],
    );
    assert.deepEqual(
      [pin.accepted, pin.vkHash, pin.outScale, pin.logrows],
      [false, keccak256(toHex("vk")), 10, 14],
    );
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: other,
      inputCommitment: 1n,
    });
    assert.equal((await rejection(report, await f.sign(report))).errorName, "UnknownModel");
  });

  it("rejects an unregistered model hash", async () => {
    const unknown = keccak256(toHex("some other model"));
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: unknown,
      inputCommitment: 1n,
    });
    const r = await rejection(report, await f.sign(report));
    assert.equal(r.errorName, "UnknownModel");
    assert.equal(r.args[0], unknown);
  });

  it("rejects a score above 100 bp, dirty padding and a bad feed range", async () => {
    const base = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    assert.equal(await read<bigint>("MAX_SCORE_BPS"), BigInt(MAX_SCORE_BPS));
    // Lane 1 of word 1 (feed 15) set to 100 (an output of exactly 1.0) is accepted, 101 refused.
    const withLane15 = (score: bigint): Report => ({
      ...base,
      scoreWords: [base.scoreWords[0], (base.scoreWords[1] & ~(0xffffn << 16n)) | (score << 16n)],
    });
    const atCap = withLane15(100n);
    await publicClient.simulateContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "postReport",
      args: postArgs(atCap, await f.sign(atCap)),
      account,
    });
    const tooHigh = withLane15(101n);
    const r = await rejection(tooHigh, await f.sign(tooHigh));
    assert.equal(r.errorName, "ScoreOutOfRange");
    assert.deepEqual(r.args, [15n, 101n]);

    const dirty: Report = {
      ...base,
      scoreWords: [base.scoreWords[0], base.scoreWords[1] | (1n << (16n * 7n))],
    };
    const d = await rejection(dirty, await f.sign(dirty));
    assert.equal(d.errorName, "MalformedScoreWord");
    assert.deepEqual(d.args, [1n]);

    const partial = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: scores20.slice(0, 10),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    assert.equal((await rejection(partial, await f.sign(partial))).errorName, "InvalidFeedRange");
    const beyond = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 101,
      scoresBps: [...scores20, 5],
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    assert.equal((await rejection(beyond, await f.sign(beyond))).errorName, "InvalidFeedRange");
  });

  it("refuses reports while paused, and only the owner pauses", async () => {
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 102,
      scoresBps: scores20,
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const sigs = await f.sign(report);
    const notOwner = await revertOf(
      publicClient,
      other.address,
      oracle,
      riskOracleAbi,
      "pause",
      [],
    );
    assert.equal(notOwner.errorName, "NotOwner");
    await write(publicClient, walletClient, oracle, riskOracleAbi, "pause", []);
    assert.equal((await rejection(report, sigs)).errorName, "EnforcedPause");
    const [score] = await read<[number]>("getScore", [f.feeds[2]]);
    assert.equal(score, scores20[2], "reads keep working while paused");
    await write(publicClient, walletClient, oracle, riskOracleAbi, "unpause", []);
    await post(report, sigs);
    assert.equal((await read<[number, bigint]>("getScore", [f.feeds[2]]))[1], 102n);
  });

  it("keeps epochs per word: two reports for different words at one epoch", async () => {
    const head = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 103,
      scoresBps: scores20.slice(0, 14).map((s) => s + 2),
      modelHash: MODEL_HASH,
      inputCommitment: 3n,
    });
    const tail = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 103,
      firstFeedIndex: 14,
      scoresBps: scores20.slice(14).map((s) => s + 3),
      modelHash: MODEL_HASH,
      inputCommitment: 4n,
    });
    await post(head, await f.sign(head));
    await post(tail, await f.sign(tail));
    assert.deepEqual((await read<[number, bigint]>("getScore", [f.feeds[13]])).slice(0, 2), [
      scores20[13] + 2,
      103n,
    ]);
    assert.deepEqual((await read<[number, bigint]>("getScore", [f.feeds[14]])).slice(0, 2), [
      scores20[14] + 3,
      103n,
    ]);
  });

  it("shows no data for a feed registered after the last report of its word", async () => {
    const late = feedId({ kind: "pool", id: "riskOracle-late" });
    await write(publicClient, walletClient, oracle, riskOracleAbi, "registerFeeds", [[late]]);
    assert.deepEqual(await read("getScore", [late]), [0, 0n, 0n]);
    assert.equal(
      (
        await revertOf(publicClient, account.address, oracle, riskOracleAbi, "feedIndex", [
          keccak256(toHex("pool:nope")),
        ])
      ).errorName,
      "UnknownFeed",
    );
    // The old range (20 feeds) no longer ends at the registry's end: it must include the new feed.
    const old = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 104,
      firstFeedIndex: 14,
      scoresBps: scores20.slice(14),
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    assert.equal((await rejection(old, await f.sign(old))).errorName, "InvalidFeedRange");
    const withLate = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 104,
      firstFeedIndex: 14,
      scoresBps: [...scores20.slice(14), 99],
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    await post(withLate, await f.sign(withLate));
    assert.deepEqual((await read<[number, bigint]>("getScore", [late])).slice(0, 2), [99, 104n]);
  });

  it("administers attesters, threshold, models and 2-step ownership with events", async () => {
    const newcomer = testKey("riskOracle:newcomer");
    await applyChange(publicClient, walletClient, oracle, "addAttester", [newcomer.address]);
    assert.equal(await read<boolean>("isAttester", [newcomer.address]), true);
    assert.equal(
      (await changeRevert(publicClient, walletClient, oracle, "setThreshold", [7])).errorName,
      "InvalidThreshold",
    );
    const rm = await applyChange(publicClient, walletClient, oracle, "removeAttester", [
      f.attesters[1].address,
    ]);
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "AttesterRemoved", logs: rm.logs }).length,
      1,
    );
    assert.equal((await read<Address[]>("attesters")).length, 5);
    const report = buildReport({
      validUntil: FAR_FUTURE,
      epoch: 105,
      scoresBps: [...scores20, 1],
      modelHash: MODEL_HASH,
      inputCommitment: 1n,
    });
    const removed = await rejection(
      report,
      await f.sign(report, [f.attesters[0], f.attesters[1], f.attesters[2]]),
    );
    assert.equal(removed.errorName, "UnknownSigner");
    await post(report, await f.sign(report, [f.attesters[0], newcomer, f.attesters[2]]));

    await write(publicClient, walletClient, oracle, riskOracleAbi, "transferOwnership", [
      other.address,
    ]);
    assert.equal(await read<Address>("owner"), account.address);
    assert.equal(
      (await revertOf(publicClient, account.address, oracle, riskOracleAbi, "acceptOwnership"))
        .errorName,
      "NotPendingOwner",
    );
    const accepted = await write(
      publicClient,
      otherWallet,
      oracle,
      riskOracleAbi,
      "acceptOwnership",
    );
    assert.equal(
      parseEventLogs({ abi: riskOracleAbi, eventName: "OwnershipTransferred", logs: accepted.logs })
        .length,
      1,
    );
    assert.equal(await read<Address>("owner"), other.address);
    assert.equal(
      (await revertOf(publicClient, account.address, oracle, riskOracleAbi, "setHeartbeat", [1]))
        .errorName,
      "NotOwner",
    );
    await write(publicClient, otherWallet, oracle, riskOracleAbi, "transferOwnership", [
      account.address,
    ]);
    await write(publicClient, walletClient, oracle, riskOracleAbi, "acceptOwnership");
  });

  it("serves a feed through the Chainlink-style adapter", async () => {
    const adapter = await deploy(
      publicClient,
      walletClient,
      riskFeedAdapterAbi,
      riskFeedAdapterBytecode,
      [oracle, f.feeds[3], "risk operator:riskOracle-3"],
    );
    const [roundId, answer, , updatedAt, answeredInRound] = await publicClient.readContract({
      address: adapter,
      abi: riskFeedAdapterAbi,
      functionName: "latestRoundData",
    });
    const [score, , scoreUpdatedAt, reportId] = await read<[number, bigint, bigint, number]>(
      "getScoreWithReport",
      [f.feeds[3]],
    );
    assert.equal(answer, BigInt(score));
    assert.equal(roundId, BigInt(reportId));
    assert.equal(answeredInRound, roundId);
    assert.equal(updatedAt, scoreUpdatedAt);
    assert.equal(
      await publicClient.readContract({
        address: adapter,
        abi: riskFeedAdapterAbi,
        functionName: "decimals",
      }),
      4,
    );
    assert.equal(
      await publicClient.readContract({
        address: adapter,
        abi: riskFeedAdapterAbi,
        functionName: "version",
      }),
      1n,
    );
    assert.equal(
      await publicClient.readContract({
        address: adapter,
        abi: riskFeedAdapterAbi,
        functionName: "description",
      }),
      "risk operator:riskOracle-3",
    );
    const round = await publicClient.readContract({
      address: adapter,
      abi: riskFeedAdapterAbi,
      functionName: "getRoundData",
      args: [roundId],
    });
    assert.equal(round[1], answer);
    const old = await revertOf(
      publicClient,
      account.address,
      adapter,
      riskFeedAdapterAbi,
      "getRoundData",
      [roundId - 1n],
    );
    assert.equal(old.errorName, "RoundNotAvailable");
  });

  describe("verifier of the model's pinned circuit", () => {
    let verifier: Address;
    const pinWith = (v: Address, scale: number) =>
      [MODEL_HASH, v, keccak256(toHex("vk")), keccak256(toHex("settings")), scale, 14] as const;
    const outScale = 16;
    const one = 1n << BigInt(outScale);
    // Outputs as the circuit would give them; the posted scores follow RiskOracle's rule.
    const felts = Array.from({ length: 21 }, (_, i) => (BigInt(i) * one) / 23n + BigInt(i % 3));
    const proof = "0xdeadbeef0123" as Hex;
    // Layout of our ezkl circuits: [inputCommitment, modelHash, out_0, ...].
    const instances = [777n, BigInt(MODEL_HASH), ...felts];
    const reportAt = (epoch: number, overrides: Partial<Report> = {}): Report => ({
      ...buildReport({
        validUntil: FAR_FUTURE,
        epoch,
        scoresBps: felts.map((x) => bpsFromFelt(x, outScale)),
        modelHash: MODEL_HASH,
        inputCommitment: 777n,
        proof,
      }),
      ...overrides,
    });

    // Attester 1 was removed by the administration test.
    const active = () => [f.attesters[0], f.attesters[2], f.attesters[3]];

    before(async () => {
      verifier = await deploy(
        publicClient,
        walletClient,
        testHalo2VerifierAbi,
        testHalo2VerifierBytecode,
      );
      await applyChange(
        publicClient,
        walletClient,
        oracle,
        "acceptModel",
        pinWith(verifier, outScale),
      );
    });

    it("uses the same felt → bps rule as the TypeScript helper", async () => {
      for (const x of [0n, 1n, 3n, one / 3n, one / 2n, (one * 9999n) / 10000n, one - 1n, one]) {
        assert.equal(
          Number(await read<bigint>("bpsFromFelt", [x, outScale])),
          bpsFromFelt(x, outScale),
          `felt ${x}`,
        );
      }
    });

    it("accepts a report whose proof the verifier accepts and forwards proof and instances", async () => {
      const report = reportAt(200);
      await post(report, await f.sign(report, active()), proof, instances);
      const read2 = (fn: "calls" | "lastProofHash" | "lastInstancesHash") =>
        publicClient.readContract({
          address: verifier,
          abi: testHalo2VerifierAbi,
          functionName: fn,
        });
      assert.equal(await read2("calls"), 1n);
      assert.equal(await read2("lastProofHash"), keccak256(proof));
      const packed = `0x${instances.map((x) => toHex(x, { size: 32 }).slice(2)).join("")}` as Hex;
      assert.equal(await read2("lastInstancesHash"), keccak256(packed));
      assert.equal(
        (await read<[number]>("getScore", [feedId({ kind: "pool", id: "riskOracle-late" })]))[0],
        bpsFromFelt(felts[20], outScale),
      );
    });

    it("rejects a missing proof, a proof the verifier refuses or reverts on, and a proof hash mismatch", async () => {
      const report = reportAt(201);
      const sigs = await f.sign(report, active());
      assert.equal((await rejection(report, sigs)).errorName, "ProofMissing");
      await write(publicClient, walletClient, verifier, testHalo2VerifierAbi, "setAnswer", [
        false,
        false,
      ]);
      assert.equal((await rejection(report, sigs, proof, instances)).errorName, "ProofRejected");
      await write(publicClient, walletClient, verifier, testHalo2VerifierAbi, "setAnswer", [
        true,
        true,
      ]);
      assert.equal((await rejection(report, sigs, proof, instances)).errorName, "ProofRejected");
      await write(publicClient, walletClient, verifier, testHalo2VerifierAbi, "setAnswer", [
        true,
        false,
      ]);
      assert.equal(
        (await rejection(report, sigs, "0xdeadbeef0124", instances)).errorName,
        "ProofHashMismatch",
      );
    });

    it("binds instances to the report: input commitment, model hash, each score, and count", async () => {
      const report = reportAt(201);
      const sigs = await f.sign(report, active());
      const at = (i: number, v: bigint) => instances.map((x, j) => (j === i ? v : x));
      assert.deepEqual(await rejection(report, sigs, proof, at(0, 778n)), {
        errorName: "InstanceMismatch",
        args: [0n],
      });
      assert.deepEqual(await rejection(report, sigs, proof, at(1, 1n)), {
        errorName: "InstanceMismatch",
        args: [1n],
      });
      // The old [modelHash, inputCommitment, ...] order is refused.
      assert.deepEqual(
        await rejection(report, sigs, proof, [instances[1], instances[0], ...felts]),
        { errorName: "InstanceMismatch", args: [0n] },
      );
      // An output that rounds to a different bps than posted.
      assert.deepEqual(await rejection(report, sigs, proof, at(7, felts[5] + one / 100n)), {
        errorName: "InstanceMismatch",
        args: [7n],
      });
      // An output above 1.0 (100 bp, or a negative felt) is refused.
      assert.deepEqual(await rejection(report, sigs, proof, at(9, one + 1n)), {
        errorName: "InstanceMismatch",
        args: [9n],
      });
      assert.deepEqual(await rejection(report, sigs, proof, instances.slice(0, -1)), {
        errorName: "TooFewInstances",
        args: [23n, 22n],
      });
      // And it accepts the untouched set.
      await post(report, sigs, proof, instances);
    });

    it("binds instances in the shape proveBatch returns: a padded batch, swapped order refused", async () => {
      // proveBatch (src/proving, docs/proving.md) returns `instances` as ezkl writes them: 64 hex
      // chars of each felt's little-endian bytes, [inputCommitment, modelHash, score_0 … score_{B−1}],
      // scores at the circuit's output scale (model_output_scales[0] = s, production s = 10).
      // Here B = 16 and the batch has 7 real operators (feeds 14..20); rows 7..15 are zero feature
      // rows whose outputs are some fixed value, covered by the proof but not by the report.
      // Outputs are expected 30-day losses in units of 100 bp: 0.35 is 35 bp, a month offline.
      const s = 10;
      const B = 16;
      const real = 7;
      const le = (v: bigint) =>
        Buffer.from(
          Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn)),
        ).toString("hex");
      const felt = (p: number) => BigInt(Math.round(p * 2 ** s));
      const outputs = [0.0123, 0.5, 0.99951, 0.0004, 1, 0, 0.35].map(felt);
      const paddingOutput = felt(1 / (1 + Math.exp(1.3))); // zeros in → the same output on every padding row
      const inputCommitment = BigInt(keccak256(toHex("padded batch features"))) % FIELD_MODULUS;
      const proved = [
        le(inputCommitment),
        le(BigInt(MODEL_HASH)),
        ...outputs.map(le),
        ...Array.from({ length: B - real }, () => le(paddingOutput)),
      ];
      assert.equal(proved.length, 2 + B);

      const ezklInstances = instancesFromEzkl(proved);
      const fields = scoresFromInstances({
        instances: ezklInstances,
        outScale: s,
        feedCount: real,
      });
      assert.equal(fields.inputCommitment, inputCommitment);
      assert.equal(fields.modelHash, BigInt(MODEL_HASH));
      // felts 13, 512, 1023, 0, 1024, 0, 358: 1.27, 50, 99.90, 0, 100, 0, 34.96 bp, rounded.
      assert.deepEqual(fields.scoresBps, [1, 50, 100, 0, 100, 0, 35]);
      const paddedProof = "0xdeadbeef0200" as Hex;
      const report = buildReport({
        validUntil: FAR_FUTURE,
        epoch: 300,
        firstFeedIndex: 14,
        ...fields,
        proof: paddedProof,
      });
      const sigs = await f.sign(report, active());

      await applyChange(publicClient, walletClient, oracle, "acceptModel", pinWith(verifier, s));
      try {
        // Swapped order (model hash first) is refused at the first instance.
        const swapped = [ezklInstances[1], ezklInstances[0], ...ezklInstances.slice(2)];
        assert.deepEqual(await rejection(report, sigs, paddedProof, swapped), {
          errorName: "InstanceMismatch",
          args: [0n],
        });
        // A wrong real output is refused at its position; fewer outputs than real feeds too. At
        // scale 2^10 one bp is 10.24 felts, so the oracle sees a change of a whole bp (felt 0 -> 20,
        // 2 bp); a smaller change is the verifier's to refuse, as the proof binds every felt.
        const tampered = ezklInstances.map((x, j) => (j === 2 + 3 ? x + 20n : x));
        assert.deepEqual(await rejection(report, sigs, paddedProof, tampered), {
          errorName: "InstanceMismatch",
          args: [5n],
        });
        assert.deepEqual(
          await rejection(report, sigs, paddedProof, ezklInstances.slice(0, 2 + real - 1)),
          { errorName: "TooFewInstances", args: [9n, 8n] },
        );
        // Padding outputs are not checked by the oracle (only the verifier binds them): a value
        // that would be out of range as a score does not make the oracle revert.
        const oddPadding = ezklInstances.map((x, j) =>
          j === 2 + B - 1 ? (1n << BigInt(s)) + 5n : x,
        );
        await publicClient.simulateContract({
          address: oracle,
          abi: riskOracleAbi,
          functionName: "postReport",
          args: postArgs(report, sigs, paddedProof, oddPadding),
          account,
        });
        // The exact proveBatch shape is accepted, and all 2 + B instances reach the verifier.
        const calls = await publicClient.readContract({
          address: verifier,
          abi: testHalo2VerifierAbi,
          functionName: "calls",
        });
        await post(report, sigs, paddedProof, ezklInstances);
        const readVerifier = (fn: "calls" | "lastInstancesHash") =>
          publicClient.readContract({
            address: verifier,
            abi: testHalo2VerifierAbi,
            functionName: fn,
          });
        assert.equal(await readVerifier("calls"), calls + 1n);
        const packed =
          `0x${ezklInstances.map((x) => toHex(x, { size: 32 }).slice(2)).join("")}` as Hex;
        assert.equal(await readVerifier("lastInstancesHash"), keccak256(packed));
        const feedsCovered = [
          ...f.feeds.slice(14),
          feedId({ kind: "pool", id: "riskOracle-late" }),
        ];
        for (const [j, id] of feedsCovered.entries()) {
          const [score, epoch] = await read<[number, bigint]>("getScore", [id]);
          assert.equal(score, fields.scoresBps[j], `feed ${14 + j}`);
          assert.equal(epoch, 300n);
        }
      } finally {
        await applyChange(
          publicClient,
          walletClient,
          oracle,
          "acceptModel",
          pinWith(verifier, outScale),
        );
      }
    });

    after(async () => {
      await applyChange(publicClient, walletClient, oracle, "acceptModel", pinWith(zeroAddress, 0));
    });
  });
});
