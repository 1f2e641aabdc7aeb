import type { BeaconClient } from "./createBeaconClient.js";
import { decodeBlock, type BlockFacts } from "./decodeBlock.js";

export type FetchBlockParameters = { beacon: BeaconClient; slot: number };

/** The block at `slot`, or null when the slot is empty (the node answers 404: a missed proposal). */
export async function fetchBlock({
  beacon,
  slot,
}: FetchBlockParameters): Promise<BlockFacts | null> {
  return beacon.request("getBlockV2", async (api) => {
    // SSZ is several times cheaper to decode than JSON for blocks; lodestar falls back to JSON
    // when a node answers in JSON anyway.
    const res = await api.beacon.getBlockV2({ blockId: slot }, { responseWireFormat: "ssz" });
    if (res.status === 404) return null;
    const block = res.value();
    // A node may answer a slot query with the block of an earlier slot: treat it as empty.
    if (block.message.slot !== slot) return null;
    return decodeBlock(beacon.config, block);
  });
}
