/**
 * A non-archive node refuses proposer duties of past epochs; the ingester then computes them by
 * the spec from the RANDAO mix and validators it still serves. They must equal the chain's.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  BeaconError,
  createBeaconClient,
  fetchProposerDuties,
  toHex,
  type BeaconClient,
} from "../../src/beacon/index.js";
import { createLogger } from "../../src/common/index.js";
import { readEpochInputs } from "../../src/ingest/readEpochInputs.js";
import {
  loadScenario,
  startSimulator,
  type StartSimulatorReturnType,
} from "../../src/simulator/index.js";

const logger = createLogger({ level: process.env.LOG_LEVEL ?? "silent", pretty: false });

describe("proposers computed when a non-archive node no longer serves the duties", () => {
  let sim: StartSimulatorReturnType;
  let beacon: BeaconClient;
  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("test") }); // pruned storage
    beacon = await createBeaconClient({
      options: { urls: [sim.url], timeoutMs: 3000, retries: 0, retryBaseMs: 10 },
      logger,
    });
  });
  after(async () => {
    await sim.close();
  });

  it("epochs past the duties' window read with the spec's proposers and dependent root", async () => {
    const spe = sim.chain.constants.SLOTS_PER_EPOCH;
    let compared = 0;
    // With the head at the start of E + 2 (finalized E), E's states and rewards are still served,
    // its duties are not.
    for (const epoch of [7, 8]) {
      sim.advanceToEpoch(epoch + 2);
      await assert.rejects(
        fetchProposerDuties({ beacon, epoch }),
        (e) => e instanceof BeaconError && e.code === "BEACON_NOT_SERVED",
      );
      const { inputs, dependentRoot } = await readEpochInputs({
        beacon,
        epoch,
        bulkTimeoutMs: 3000,
        blockConcurrency: 4,
      });
      const truth = sim.chain
        .epochTruth(epoch)
        .proposals.map((p) => ({ slot: p.slot, validatorIndex: p.proposer }));
      assert.deepEqual(inputs.duties, truth);
      assert.equal(dependentRoot, toHex(sim.chain.blockRootAt(epoch * spe - 1)));
      compared += inputs.duties.length;
    }
    assert.equal(compared, 2 * spe);
  });
});
