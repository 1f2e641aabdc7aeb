import type { BeaconClient } from "./createBeaconClient.js";

export type FetchSyncCommitteeParameters = {
  beacon: BeaconClient;
  stateId: string | number;
  epoch: number;
};

/** Validator index at each sync-committee position for `epoch` (positions may repeat a validator). */
export async function fetchSyncCommittee({
  beacon,
  stateId,
  epoch,
}: FetchSyncCommitteeParameters): Promise<number[]> {
  return beacon.request("getEpochSyncCommittees", async (api) => {
    const res = (await api.beacon.getEpochSyncCommittees({ stateId, epoch })).value();
    return res.validators.map(Number);
  });
}
