import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { privateKeyToAccount } from "viem/accounts";
import { buildReport } from "./buildReport.js";
import { InvalidReportError, InvalidSignatureError } from "./errors.js";
import { hashReport } from "./hashReport.js";
import { recoverReportSigner } from "./recoverReportSigner.js";
import { signReport } from "./signReport.js";

const account = privateKeyToAccount(
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
);
const oracle = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
const report = buildReport({
  validUntil: 1n << 40n,
  epoch: 7,
  scoresBps: [1, 2, 3],
  modelHash: 5n,
  inputCommitment: 9n,
  proof: "0x1234",
});

describe("signReport / recoverReportSigner", () => {
  it("recovers the signer for the same chain and oracle only", async () => {
    const signature = await signReport({ account, report, chainId: 31337, oracle });
    assert.equal(
      await recoverReportSigner({ report, chainId: 31337, oracle, signature }),
      account.address,
    );
    assert.notEqual(
      await recoverReportSigner({ report, chainId: 1, oracle, signature }),
      account.address,
    );
    assert.notEqual(
      await recoverReportSigner({
        report,
        chainId: 31337,
        oracle: "0x0000000000000000000000000000000000000001",
        signature,
      }),
      account.address,
    );
    assert.notEqual(
      await recoverReportSigner({
        report: { ...report, epoch: 8n },
        chainId: 31337,
        oracle,
        signature,
      }),
      account.address,
    );
  });

  it("binds every field: each change changes the digest", () => {
    const base = hashReport({ report, chainId: 31337, oracle });
    const variants = [
      { ...report, firstWord: 1 },
      { ...report, feedCount: 2 },
      { ...report, modelHash: `0x${"11".repeat(32)}` as const },
      { ...report, inputCommitment: 10n },
      { ...report, proofHash: `0x${"22".repeat(32)}` as const },
      { ...report, scoreWords: [report.scoreWords[0] + 1n] },
    ];
    for (const v of variants)
      assert.notEqual(hashReport({ report: v, chainId: 31337, oracle }), base);
  });

  it("rejects malformed signatures like the contract does", async () => {
    const signature = await signReport({ account, report, chainId: 31337, oracle });
    await assert.rejects(
      recoverReportSigner({
        report,
        chainId: 31337,
        oracle,
        signature: signature.slice(0, 130) as `0x${string}`,
      }),
      InvalidSignatureError,
    );
    await assert.rejects(
      recoverReportSigner({
        report,
        chainId: 31337,
        oracle,
        signature: `${signature.slice(0, 130)}01` as `0x${string}`,
      }),
      InvalidSignatureError,
    );
    const highS =
      `${signature.slice(0, 66)}${"f".repeat(64)}${signature.slice(130)}` as `0x${string}`;
    await assert.rejects(
      recoverReportSigner({ report, chainId: 31337, oracle, signature: highS }),
      InvalidSignatureError,
    );
  });

  it("buildReport checks alignment, scores and the proof hash", () => {
    assert.equal(
      report.proofHash,
      "0x56570de287d73cd1cb6092bb8fdee6173974955fdef345ae579ee9f475ea7432",
    );
    assert.throws(
      () =>
        buildReport({
          validUntil: 1n << 40n,
          epoch: 1,
          firstFeedIndex: 3,
          scoresBps: [1],
          modelHash: 1n,
          inputCommitment: 0n,
        }),
      InvalidReportError,
    );
    assert.throws(
      () =>
        buildReport({
          validUntil: 1n << 40n,
          epoch: 1,
          scoresBps: [101],
          modelHash: 1n,
          inputCommitment: 0n,
        }),
      InvalidReportError,
    );
    assert.throws(
      () =>
        buildReport({
          validUntil: 1n << 40n,
          epoch: 1,
          scoresBps: [],
          modelHash: 1n,
          inputCommitment: 0n,
        }),
      InvalidReportError,
    );
    assert.throws(
      () =>
        buildReport({
          validUntil: 1n << 40n,
          epoch: 1,
          scoresBps: [1],
          modelHash: 1n,
          inputCommitment: 0n,
          proof: "0x12",
          proofHash: `0x${"00".repeat(32)}`,
        }),
      InvalidReportError,
    );
    assert.equal(
      buildReport({
        validUntil: 1n << 40n,
        epoch: 1,
        firstFeedIndex: 28,
        scoresBps: [1],
        modelHash: 1n,
        inputCommitment: 0n,
      }).firstWord,
      2,
    );
  });
});
