import type { BeaconClient } from "./createBeaconClient.js";

export type FetchHeadSlotParameters = { beacon: BeaconClient };

/** The slot of the node's head block. */
export async function fetchHeadSlot({ beacon }: FetchHeadSlotParameters): Promise<number> {
  return beacon.request(
    "getBlockHeader",
    async (api) =>
      (await api.beacon.getBlockHeader({ blockId: "head" })).value().header.message.slot,
  );
}
