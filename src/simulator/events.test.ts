import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { waitFor } from "../../test/support/waitFor.js";
import { loadScenario, startSimulator, toHex, type StartSimulatorReturnType } from "./index.js";

type Message = { event: string; data: Record<string, unknown> };

/** Reads SSE messages from the simulator into `messages` until aborted. */
function listen(url: string, messages: Message[], signal: AbortSignal): Promise<void> {
  return fetch(url, { signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = block.match(/^event: (.+)$/m)?.[1];
          const data = block.match(/^data: (.+)$/m)?.[1];
          if (event && data) messages.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  });
}

describe("simulator: SSE events and finality", () => {
  let sim: StartSimulatorReturnType;
  before(async () => {
    sim = await startSimulator({ scenario: loadScenario("test") });
  });
  after(() => sim.close());

  it("delivers head, block and finalized_checkpoint as the head advances, none during a stall", async () => {
    const messages: Message[] = [];
    const controller = new AbortController();
    const done = listen(
      `${sim.url}/eth/v1/events?topics=head,block,finalized_checkpoint`,
      messages,
      controller.signal,
    );
    await waitFor(() => sim.status().subscribers > 0, { what: "the SSE subscription" });
    // The hub writes in publish order and a boundary's finalized_checkpoint precedes its head, so
    // once the head of the target epoch's first slot has arrived, every message of the advance has.
    // Returns how many heads the advance produced, one per slot with a block.
    const advanceTo = async (epoch: number): Promise<number> => {
      const from = sim.headSlot();
      const slot = epoch * sim.chain.constants.SLOTS_PER_EPOCH;
      assert.ok(sim.chain.schedule.produced(slot), `slot ${slot} has a block to wait for`);
      sim.advanceToEpoch(epoch);
      await waitFor(
        () => messages.some((m) => m.event === "head" && Number(m.data.slot) === slot),
        { what: `the head of slot ${slot}` },
      );
      let produced = 0;
      for (let s = from + 1; s <= slot; s++) if (sim.chain.schedule.produced(s)) produced++;
      return produced;
    };

    const produced = await advanceTo(5);
    const finalized = messages.filter((m) => m.event === "finalized_checkpoint");
    assert.deepEqual(
      finalized.map((m) => m.data.epoch),
      ["2", "3"],
    );
    assert.equal(finalized[1].data.block, toHex(sim.chain.blockRootAt(3 * 32)));
    assert.equal(finalized[1].data.execution_optimistic, false);
    const heads = messages.filter((m) => m.event === "head");
    assert.equal(heads.length, produced);
    assert.equal(heads.length, messages.filter((m) => m.event === "block").length);
    assert.ok(heads.every((m) => sim.chain.schedule.produced(Number(m.data.slot))));

    messages.length = 0;
    sim.setFinalityStall(true);
    // The head still moves: advanceTo waits on the head of slot 256.
    await advanceTo(8);
    assert.equal(messages.filter((m) => m.event === "finalized_checkpoint").length, 0);
    const cp = (await (
      await fetch(`${sim.url}/eth/v1/beacon/states/head/finality_checkpoints`)
    ).json()) as { data: { finalized: { epoch: string } } };
    assert.equal(cp.data.finalized.epoch, "3");

    sim.setFinalityStall(false);
    await advanceTo(9);
    assert.deepEqual(
      messages.filter((m) => m.event === "finalized_checkpoint").map((m) => m.data.epoch),
      ["7"],
    );
    controller.abort();
    await done;
  });

  it("rejects unknown topics with 400", async () => {
    const res = await fetch(`${sim.url}/eth/v1/events?topics=nope`);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: number }).code, 400);
  });

  it("admin API advances the head and toggles the stall", async () => {
    const res = await fetch(`${sim.url}/_sim/advance`, {
      method: "POST",
      body: JSON.stringify({ epoch: 10 }),
    });
    assert.equal(((await res.json()) as { headEpoch: number }).headEpoch, 10);
    const stalled = await fetch(`${sim.url}/_sim/finality-stall`, {
      method: "POST",
      body: JSON.stringify({ stalled: true }),
    });
    assert.equal(((await stalled.json()) as { finalityStalled: boolean }).finalityStalled, true);
    const truth = (await (await fetch(`${sim.url}/_sim/truth/3`)).json()) as {
      slashings: unknown[];
    };
    assert.equal(truth.slashings.length, 3);
  });
});
