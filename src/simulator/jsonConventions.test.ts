import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ssz } from "@lodestar/types";
import { sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { createChain, loadScenario } from "./index.js";

const FILE = ["data", "helios_mainnet_block_slot7109344_capella.json"] as const;

describe("simulator: JSON conventions match a real mainnet block", () => {
  it(
    "a real Capella block round-trips through @lodestar/types, like the simulator's Electra blocks",
    skipUnlessShared(...FILE),
    () => {
      const real = JSON.parse(readFileSync(sharedPath(...FILE)!, "utf8")) as {
        version?: string;
        data: unknown;
      };
      const value = ssz.capella.SignedBeaconBlock.fromJson(real.data);
      // Equal up to letter case: lodestar writes execution addresses EIP-55 checksummed.
      assert.equal(
        JSON.stringify(ssz.capella.SignedBeaconBlock.toJson(value)).toLowerCase(),
        JSON.stringify(real.data).toLowerCase(),
      );

      const ours = ssz.electra.SignedBeaconBlock.toJson(
        createChain(loadScenario("test")).block(68)!,
      ) as Record<string, any>;
      const theirs = real.data as Record<string, any>;
      // Same key style and value encodings field by field for what both forks share.
      assert.deepEqual(Object.keys(ours.message).sort(), Object.keys(theirs.message).sort());
      for (const key of Object.keys(theirs.message.body))
        assert.ok(key in ours.message.body, `body.${key}`);
      for (const key of Object.keys(theirs.message.body.execution_payload))
        assert.ok(key in ours.message.body.execution_payload, `execution_payload.${key}`);
      assert.equal(typeof ours.message.slot, typeof theirs.message.slot);
      assert.match(ours.message.body.attestations[0].aggregation_bits, /^0x[0-9a-f]+$/);
      assert.match(ours.message.body.execution_payload.withdrawals[0].amount, /^\d+$/);
    },
  );
});
