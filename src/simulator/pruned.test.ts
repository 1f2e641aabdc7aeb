/**
 * The default "pruned" storage refuses what a default (non-archive) Lodestar node refuses, with
 * Lodestar's status codes and messages (as a real Lodestar v1.22 node answered), and answers
 * rewards in Lodestar's shapes; "archive" storage serves the same requests.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadScenario, startSimulator, type StartSimulatorReturnType } from "./index.js";

type Answer = { status: number; body: { code?: number; message?: string; data?: unknown } };

async function get(url: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}
const postRewards = (base: string, epoch: number) =>
  get(`${base}/eth/v1/beacon/rewards/attestations/${epoch}`, {
    method: "POST",
    body: "[]",
    headers: { "content-type": "application/json" },
  });

describe("simulator storage: pruned like a non-archive node, or archive", () => {
  let pruned: StartSimulatorReturnType;
  let archive: StartSimulatorReturnType;
  const SPE = 32;

  before(async () => {
    pruned = await startSimulator({ scenario: loadScenario("test") });
    archive = await startSimulator({ scenario: loadScenario("test"), storage: "archive" });
    pruned.advanceToEpoch(6);
    archive.advanceToEpoch(6);
  });
  after(async () => {
    await pruned.close();
    await archive.close();
  });

  it("proposer duties only for the current and next epoch", async () => {
    assert.equal(pruned.status().headEpoch, 6);
    const past = await get(`${pruned.url}/eth/v1/validator/duties/proposer/2`);
    assert.equal(past.status, 500);
    assert.equal(past.body.message, "Requested epoch 2 must equal current 6 or next epoch 7");
    for (const epoch of [6, 7])
      assert.equal(
        (await get(`${pruned.url}/eth/v1/validator/duties/proposer/${epoch}`)).status,
        200,
      );
    assert.equal((await get(`${archive.url}/eth/v1/validator/duties/proposer/2`)).status, 200);
  });

  it("states by slot: none before the finalized checkpoint or at an empty slot", async () => {
    const finalized = pruned.status().finalizedEpoch;
    assert.ok(finalized >= 2, `finalized ${finalized}`);
    const old = await get(`${pruned.url}/eth/v1/beacon/states/16/validators?id=0`);
    assert.equal(old.status, 404);
    assert.equal(old.body.message, "No state found for id '16'");
    let empty = -1;
    for (let s = finalized * SPE; s <= pruned.headSlot(); s++)
      if (!pruned.chain.schedule.produced(s)) empty = s;
    assert.ok(empty > 0, "the scenario misses a slot after the finalized checkpoint");
    const atEmpty = await get(`${pruned.url}/eth/v1/beacon/states/${empty}/validators?id=0`);
    assert.equal(atEmpty.status, 404);
    assert.equal(atEmpty.body.message, `No state found for id '${empty}'`);
    let produced = finalized * SPE;
    while (!pruned.chain.schedule.produced(produced)) produced++;
    assert.equal(
      (await get(`${pruned.url}/eth/v1/beacon/states/${produced}/validators?id=0`)).status,
      200,
    );
    assert.equal(
      (await get(`${pruned.url}/eth/v1/beacon/states/finalized/validators?id=0`)).status,
      200,
    );
    for (const slot of [16, empty])
      assert.equal(
        (await get(`${archive.url}/eth/v1/beacon/states/${slot}/validators?id=0`)).status,
        200,
      );
  });

  it("attestation rewards only while the state at the end of the next epoch is kept", async () => {
    const finalized = pruned.status().finalizedEpoch;
    const gone = await postRewards(pruned.url, finalized - 2);
    assert.equal(gone.status, 500);
    assert.equal(gone.body.message, `State is unavailable for slot ${finalized * SPE - 1}`);
    assert.equal((await postRewards(archive.url, finalized - 2)).status, 200);
    // Epoch 5's state at the end of epoch 6 does not exist yet at the first slot of epoch 6.
    assert.equal((await postRewards(pruned.url, 5)).status, 500);
    const served = await postRewards(pruned.url, finalized - 1);
    assert.equal(served.status, 200);
  });

  it("Lodestar's reward shapes: fractional gwei ideal rewards and an entry for effective balance 0", async () => {
    const epoch = pruned.status().finalizedEpoch - 1;
    const lodestar = (await postRewards(pruned.url, epoch)).body.data as {
      ideal_rewards: Record<string, string>[];
    };
    const plain = (await postRewards(archive.url, epoch)).body.data as {
      ideal_rewards: Record<string, string>[];
    };
    const zero = lodestar.ideal_rewards.find((r) => r.effective_balance === "0");
    assert.deepEqual(zero && [zero.head, zero.target, zero.source], ["0", "0", "0"]);
    assert.equal(
      plain.ideal_rewards.some((r) => r.effective_balance === "0"),
      false,
    );
    const full = lodestar.ideal_rewards.find((r) => r.effective_balance === "32000000000")!;
    const fullPlain = plain.ideal_rewards.find((r) => r.effective_balance === "32000000000")!;
    assert.ok(
      ["head", "target", "source"].some((k) => !Number.isInteger(Number(full[k]))),
      `fractional: ${JSON.stringify(full)}`,
    );
    for (const k of ["head", "target", "source"])
      assert.equal(Math.floor(Number(full[k])), Number(fullPlain[k]), k);
  });
});
