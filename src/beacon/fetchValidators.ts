import type { BeaconClient } from "./createBeaconClient.js";
import { openJsonStream } from "./openJsonStream.js";
import { scanJsonArrays } from "./scanJsonArrays.js";
import { createValidatorColumnsBuilder, type ValidatorColumns } from "./validatorColumns.js";

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

/**
 * Every validator of a state (~350 MB of JSON at 1,000,000 validators), streamed into columns as
 * it arrives: the answer is never held whole, and no object per validator outlives its chunk.
 */
export async function fetchValidators({
  beacon,
  stateId,
  timeoutMs,
}: FetchValidatorsParameters): Promise<ValidatorColumns> {
  return beacon.request("getStateValidators", async (api, signal) => {
    const columns = createValidatorColumnsBuilder();
    const found = await scanJsonArrays({
      body: await openJsonStream({
        baseUrl: api.httpClient.baseUrl,
        path: `/eth/v1/beacon/states/${stateId}/validators`,
        timeoutMs,
        signal,
      }),
      arrays: {
        data: (batch) => {
          for (const v of batch) columns.push(v as ValidatorJson);
        },
      },
    });
    if (!found.has("data")) throw new SyntaxError("validators response has no data array");
    return columns.finish();
  });
}
