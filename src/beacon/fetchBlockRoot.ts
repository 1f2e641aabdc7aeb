import type { BeaconClient } from "./createBeaconClient.js";
import { toHex } from "./hex.js";

export type FetchBlockRootParameters = { beacon: BeaconClient; slot: number };

/** The canonical block root at `slot` (0x hex), or null for an empty slot (404). Blocks are kept by every node. */
export async function fetchBlockRoot({
  beacon,
  slot,
}: FetchBlockRootParameters): Promise<string | null> {
  return beacon.request("getBlockRoot", async (api) => {
    const res = await api.beacon.getBlockRoot({ blockId: slot });
    if (res.status === 404) return null;
    return toHex(res.value().root);
  });
}
