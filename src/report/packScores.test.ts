import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { keccak256, stringToBytes } from "viem";
import { bpsFromFelt } from "./bpsFromFelt.js";
import { FIELD_MODULUS, MAX_SCORE_BPS, NO_DATA_SCORE } from "./constants.js";
import { InvalidReportError } from "./errors.js";
import { feedId } from "./feedId.js";
import { instancesFromEzkl } from "./instancesFromEzkl.js";
import { packScores } from "./packScores.js";
import { scoresFromInstances } from "./scoresFromInstances.js";
import { unpackScores } from "./unpackScores.js";

describe("score packing", () => {
  it("packs 14 scores per word, lane i at bits 16i, and unpacks them", () => {
    const scores = Array.from({ length: 30 }, (_, i) => (i * 37) % 101);
    const words = packScores(scores);
    assert.equal(words.length, 3);
    assert.equal(words[0] & 0xffffn, BigInt(scores[0]));
    assert.equal((words[1] >> 16n) & 0xffffn, BigInt(scores[15]));
    assert.equal(words[2] >> 32n, 0n, "only 2 lanes used in the last word");
    for (const w of words) assert.equal(w >> 224n, 0n, "top 32 bits stay zero");
    assert.deepEqual(unpackScores({ scoreWords: words, count: 30 }), scores);
    assert.throws(() => packScores([1.5]), InvalidReportError);
    assert.throws(() => packScores([-1]), InvalidReportError);
  });

  it("accepts scores up to 100 bp and refuses 101", () => {
    assert.equal(MAX_SCORE_BPS, 100);
    assert.deepEqual(packScores([100]), [100n]);
    assert.throws(() => packScores([101]), InvalidReportError);
  });

  it("names feeds keccak256('<kind>:<id>')", () => {
    assert.equal(
      feedId({ kind: "operator", id: "lido-curated:12" }),
      keccak256(stringToBytes("operator:lido-curated:12")),
    );
    assert.notEqual(feedId({ kind: "pool", id: "x" }), feedId({ kind: "operator", id: "x" }));
  });

  it("maps output felts to bp (1.0 = 100 bp) by round-half-up and refuses outputs outside [0, 1]", () => {
    assert.equal(bpsFromFelt(0n, 16), 0);
    assert.equal(bpsFromFelt(1n << 16n, 16), 100);
    assert.equal(bpsFromFelt(1n << 15n, 16), 50);
    // 1/8 = 12.5 bp exactly: halves round up; 1/32 = 3.125 bp rounds down.
    assert.equal(bpsFromFelt(1n, 3), 13);
    assert.equal(bpsFromFelt(1n, 5), 3);
    assert.equal(bpsFromFelt(1n, 0), 100);
    assert.throws(() => bpsFromFelt((1n << 16n) + 1n, 16), InvalidReportError);
    // The circuit's output scale 2^10: 0.05 (5 bp) is felt 51, which reads 4.98 bp, so 5.
    assert.equal(bpsFromFelt(BigInt(Math.round(0.05 * 2 ** 10)), 10), 5);
    // 0.123456 at scale 2^20 is 12.3456 bp: 12.
    assert.equal(bpsFromFelt(BigInt(Math.round(0.123456 * 2 ** 20)), 20), 12);
  });

  it("splits public instances [inputCommitment, modelHash, outputs...] into the report's fields", () => {
    const r = scoresFromInstances({
      instances: [22n, 11n, 0n, 1n << 15n, 1n << 16n],
      outScale: 16,
    });
    assert.deepEqual(r, { inputCommitment: 22n, modelHash: 11n, scoresBps: [0, 50, 100] });
    // A padded batch: only the first feedCount outputs are scores.
    const padded = scoresFromInstances({
      instances: [22n, 11n, 1n << 15n, 1n << 16n, 3n, 4n],
      outScale: 16,
      feedCount: 2,
    });
    assert.deepEqual(padded.scoresBps, [50, 100]);
    assert.throws(
      () => scoresFromInstances({ instances: [1n, 2n], outScale: 16 }),
      InvalidReportError,
    );
    assert.throws(
      () => scoresFromInstances({ instances: [1n, 2n, 3n], outScale: 16, feedCount: 2 }),
      InvalidReportError,
    );
    assert.throws(
      () => scoresFromInstances({ instances: [1n, 2n, 3n], outScale: 16, feedCount: 0 }),
      InvalidReportError,
    );
  });

  it("reads ezkl's little-endian hex instances as uint256", () => {
    const le = (v: bigint) =>
      Buffer.from(
        Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn)),
      ).toString("hex");
    const values = [0n, 1n, 1024n, FIELD_MODULUS - 1n, 0x0123456789abcdefn << 100n];
    assert.equal(le(1024n), `0004${"00".repeat(30)}`);
    assert.deepEqual(instancesFromEzkl(values.map(le)), values);
    assert.deepEqual(instancesFromEzkl([`0x${le(7n)}`]), [7n]);
    assert.throws(() => instancesFromEzkl([le(FIELD_MODULUS)]), InvalidReportError);
    assert.throws(() => instancesFromEzkl(["abcd"]), InvalidReportError);
  });

  it("packs a feed without a score as NO_DATA_SCORE, keeping the feeds after it", () => {
    const [word] = packScores([5, null, 7]);
    assert.equal(word, 5n | (BigInt(NO_DATA_SCORE) << 16n) | (7n << 32n));
    assert.throws(
      () => packScores([NO_DATA_SCORE - 1]),
      InvalidReportError,
      "no other value above 100",
    );
  });
});
