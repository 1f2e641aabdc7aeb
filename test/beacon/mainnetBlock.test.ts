/**
 * A real mainnet block (Capella, slot 7109344) goes through the same path as live blocks:
 * HTTP -> @lodestar/api's getBlockV2 -> decodeBlock. The server here only replays recorded JSON.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { chainConfigToJson, defaultChainConfig } from "@lodestar/config";
import { activePreset, presetToJson } from "@lodestar/params";
import { createBeaconClient, fetchBlock, type BeaconClient } from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { sharedPath, skipUnlessShared } from "../support/shared.js";

const BLOCK_FILE = ["data", "helios_mainnet_block_slot7109344_capella.json"];

describe("mainnet block through the live decoding path", skipUnlessShared(...BLOCK_FILE), () => {
  const recorded = JSON.parse(
    readFileSync(sharedPath(...BLOCK_FILE) ?? "/dev/null", "utf8").trim() || "{}",
  );
  const spec = { ...chainConfigToJson(defaultChainConfig), ...presetToJson(activePreset) };
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/eth/v1/config/spec") return void res.end(JSON.stringify({ data: spec }));
    if (req.url === "/eth/v2/beacon/blocks/7109344") {
      res.setHeader("eth-consensus-version", "capella");
      // Recorded in 2023, before the Beacon API added the required `finalized` flag to this answer.
      return void res.end(JSON.stringify({ finalized: true, ...recorded }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ code: 404, message: "NOT_FOUND: beacon block at slot" }));
  });
  let beacon: BeaconClient;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    beacon = await createBeaconClient({
      options: { urls: [`http://127.0.0.1:${port}`], timeoutMs: 5000, retries: 0, retryBaseMs: 1 },
      logger: createLogger({ level: "silent" }),
    });
  });
  after(() => server.close());

  it("decodes proposer, attestations, withdrawals and sync bits", async () => {
    const facts = await fetchBlock({ beacon, slot: 7109344 });
    assert.ok(facts);
    const body = recorded.data.message.body;
    assert.equal(facts.slot, 7109344);
    assert.equal(facts.proposerIndex, 146146);
    assert.equal(facts.attestationCount, 65);
    assert.equal(facts.withdrawals.length, 16);
    assert.deepEqual(
      facts.withdrawals.map((w) => [w.validatorIndex, w.amountGwei]),
      body.execution_payload.withdrawals.map((w: { validator_index: string; amount: string }) => [
        Number(w.validator_index),
        Number(w.amount),
      ]),
    );
    assert.deepEqual(facts.slashings, []);
    // Count the set bits of the recorded hex independently of the SSZ BitVector decoding.
    const hex: string = body.sync_aggregate.sync_committee_bits.slice(2);
    const expectedBits = [...Buffer.from(hex, "hex")].reduce(
      (n, byte) => n + byte.toString(2).replaceAll("0", "").length,
      0,
    );
    assert.equal(facts.syncBits?.length, 512);
    assert.equal(facts.syncBits?.filter(Boolean).length, expectedBits);
    assert.equal(facts.blockRoot.length, 32);
  });

  it("reports an empty slot as null", async () => {
    assert.equal(await fetchBlock({ beacon, slot: 7109345 }), null);
  });
});
