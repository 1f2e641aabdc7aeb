import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSecretCensor } from "./createSecretCensor.js";

describe("createSecretCensor", () => {
  const censor = createSecretCensor({
    secrets: [
      "https://eth-mainnet.example/v2/AbCdEf123456?key=QueryKey9",
      'postgresql://oracle:pa ss"word@db:5432/oracle',
      "0x" + "ab".repeat(32),
      "short",
    ],
  });

  it("hides each secret as written, JSON-escaped, percent-encoded and as the URL parts that carry keys", () => {
    const cases = [
      "URL: https://eth-mainnet.example/v2/AbCdEf123456?key=QueryKey9",
      "GET /v2/AbCdEf123456?key=QueryKey9 failed",
      '{"url":"postgresql://oracle:pa ss\\"word@db:5432/oracle"}',
      'password pa ss"word rejected',
      `key ${"0x" + "ab".repeat(32)}`,
      `encoded ${encodeURIComponent("0x" + "ab".repeat(32))}`,
    ];
    for (const text of cases) {
      const out = censor(text);
      assert.match(out, /\[redacted\]/, text);
      for (const secret of [
        "AbCdEf123456",
        "QueryKey9",
        'pa ss"word',
        'pa ss\\"word',
        "ab".repeat(32),
      ])
        assert.ok(!out.includes(secret), `${text} -> ${out}`);
    }
  });

  it("leaves other text, and secrets too short to matter, alone", () => {
    assert.equal(censor("epoch 150 scored; short report"), "epoch 150 scored; short report");
    assert.equal(createSecretCensor({ secrets: [] })("anything"), "anything");
  });
});
