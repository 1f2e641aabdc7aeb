import type { BeaconClient } from "./createBeaconClient.js";

export type FetchRandaoParameters = {
  beacon: BeaconClient;
  stateId: string | number;
  epoch: number;
};

/** The RANDAO mix of `epoch` as the state `stateId` holds it (`get_randao_mix`). */
export async function fetchRandao({
  beacon,
  stateId,
  epoch,
}: FetchRandaoParameters): Promise<Uint8Array> {
  return beacon.request(
    "getStateRandao",
    async (api) => (await api.beacon.getStateRandao({ stateId, epoch })).value().randao,
  );
}
