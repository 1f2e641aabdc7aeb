import type { BeaconClient } from "./createBeaconClient.js";

export type FetchFinalizedEpochParameters = { beacon: BeaconClient };

/** The epoch of the head state's finalized checkpoint. */
export async function fetchFinalizedEpoch({
  beacon,
}: FetchFinalizedEpochParameters): Promise<number> {
  return beacon.request("getStateFinalityCheckpoints", async (api) => {
    const res = (await api.beacon.getStateFinalityCheckpoints({ stateId: "head" })).value();
    return res.finalized.epoch;
  });
}
