import assert from "node:assert/strict";
import { test } from "node:test";
import { zeroHash } from "viem";
import {
  buildAttesterApp,
  hmacBody,
  ATTESTER_HMAC_HEADER,
  serializeReport,
} from "../../src/attester/index.js";
import { createLogger } from "../../src/common/logger.js";
import { createMetrics } from "../../src/metrics/index.js";
import { AttestationRefusedError } from "../../src/report/index.js";

const KEY = "attester-app-test-key";
const ADDRESS = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const request = {
  target: { chainId: 31337, oracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
  report: serializeReport({
    epoch: 64n,
    validUntil: 10n ** 10n,
    firstWord: 0,
    feedCount: 1,
    modelHash: zeroHash,
    inputCommitment: 1n,
    proofHash: zeroHash,
    scoreWords: [7n],
  }),
  artifacts: { proof: "" },
};

function build(attest: () => Promise<Record<string, unknown>>) {
  return buildAttesterApp({
    address: ADDRESS,
    hmacKey: KEY,
    bodyLimitBytes: 4096,
    metrics: createMetrics(),
    logger: createLogger({ level: "silent" }),
    attest,
  });
}

function signed(body: string) {
  return {
    method: "POST" as const,
    url: "/v1/attest",
    payload: body,
    headers: {
      "content-type": "application/json",
      [ATTESTER_HMAC_HEADER]: hmacBody(KEY, Buffer.from(body)),
    },
  };
}

test("the attester app refuses before any proof work: unsigned 401, too large 413, malformed 400", async () => {
  let calls = 0;
  const app = build(async () => {
    calls++;
    return {};
  });
  const body = JSON.stringify(request);
  const unsigned = await app.inject({
    method: "POST",
    url: "/v1/attest",
    payload: body,
    headers: { "content-type": "application/json" },
  });
  assert.equal(unsigned.statusCode, 401);
  assert.equal(unsigned.headers["content-type"], "application/problem+json; charset=utf-8");
  assert.equal(unsigned.json().attester, ADDRESS);
  const wrongKey = await app.inject({
    ...signed(body),
    headers: {
      "content-type": "application/json",
      [ATTESTER_HMAC_HEADER]: hmacBody("other", Buffer.from(body)),
    },
  });
  assert.equal(wrongKey.statusCode, 401);
  const large = JSON.stringify({ ...request, padding: "x".repeat(8192) });
  const tooLarge = await app.inject(signed(large));
  assert.equal(tooLarge.statusCode, 413);
  assert.equal(tooLarge.json().status, 413);
  const malformed = await app.inject(signed(JSON.stringify({ target: request.target })));
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().title, "Malformed attestation request");
  assert.equal(calls, 0);
  await app.close();
});

test("a final refusal is cached by report digest; a signature answers with its schema", async () => {
  let calls = 0;
  const refusing = build(async () => {
    calls++;
    throw new AttestationRefusedError(
      "EPOCH_OFF_SCHEDULE",
      "Epoch 64 is not on the report schedule",
    );
  });
  const body = JSON.stringify(request);
  const first = await refusing.inject(signed(body));
  const second = await refusing.inject(signed(body));
  assert.equal(first.statusCode, 422);
  assert.equal(second.statusCode, 422);
  assert.equal(first.json().refusal, "EPOCH_OFF_SCHEDULE");
  assert.deepEqual(second.json(), first.json());
  assert.equal(calls, 1);
  await refusing.close();

  const signing = build(async () => ({
    signature: "0x12",
    attester: ADDRESS,
    digest: zeroHash,
    extra: "dropped by the schema",
  }));
  const answer = await signing.inject(signed(body));
  assert.equal(answer.statusCode, 200);
  assert.deepEqual(answer.json(), { signature: "0x12", attester: ADDRESS, digest: zeroHash });
  await signing.close();
});
