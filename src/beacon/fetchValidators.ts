import type { BeaconClient } from "./createBeaconClient.js";
import { getJson } from "./getJson.js";

/** One entry of `GET /eth/v1/beacon/states/{state_id}/validators`, as the Beacon API sends it. */
export type ValidatorJson = {
  index: string;
  balance: string;
  status: string;
  validator: {
    pubkey: string;
    withdrawal_credentials: string;
    effective_balance: string;
    slashed: boolean;
    activation_eligibility_epoch: string;
    activation_epoch: string;
    exit_epoch: string;
    withdrawable_epoch: string;
  };
};

export type FetchValidatorsParameters = {
  beacon: BeaconClient;
  stateId: string | number;
  timeoutMs: number;
};

/** Every validator of a state (~350 MB of JSON at 1,000,000 validators). */
export async function fetchValidators({
  beacon,
  stateId,
  timeoutMs,
}: FetchValidatorsParameters): Promise<ValidatorJson[]> {
  return beacon.request("getStateValidators", async (api) => {
    const res = await getJson<{ data: ValidatorJson[] }>({
      baseUrl: api.httpClient.baseUrl,
      path: `/eth/v1/beacon/states/${stateId}/validators`,
      timeoutMs,
    });
    if (!Array.isArray(res?.data)) throw new SyntaxError("validators response has no data array");
    return res.data;
  });
}
