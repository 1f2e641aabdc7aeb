import type { BeaconClient } from "./createBeaconClient.js";
import { decodeBlock, type BlockFacts } from "./decodeBlock.js";

export type FetchBlockParameters = { beacon: BeaconClient; slot: number };

/** The block at `slot`, or null when the slot is empty (the node answers 404: a missed proposal). */
export async function fetchBlock({ beacon, slot }: FetchBlockParameters): Promise<BlockFacts | null> {
  return beacon.request("getBlockV2", async (api) => {
    const res = await api.beacon.getBlockV2({ blockId: slot });
    if (res.status === 404) return null;
    const block = res.value();
    // A node may answer a slot query with the block of an earlier slot: treat it as empty.
    if (block.message.slot !== slot) return null;
    return decodeBlock(beacon.config, block);
  });
}
