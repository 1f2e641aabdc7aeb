import type { BeaconClient } from "./createBeaconClient.js";
import { getJson } from "./getJson.js";

type RewardJson = Record<string, string | undefined>;

export type IdealReward = {
  effectiveBalance: number;
  head: number;
  target: number;
  source: number;
  inactivity: number;
};
export type AttestationRewards = {
  ideal: IdealReward[];
  /** Parallel arrays indexed by position in the response (validator order), gwei. */
  validatorIndex: Int32Array;
  head: Float64Array;
  target: Float64Array;
  source: Float64Array;
  inactivity: Float64Array;
};

export type FetchAttestationRewardsParameters = {
  beacon: BeaconClient;
  epoch: number;
  timeoutMs: number;
};

/**
 * `POST /eth/v1/beacon/rewards/attestations/{epoch}` for every validator. Values are parsed as
 * decimals (Number), not BigInt: some clients send "123.0". Per-validator values land in typed
 * arrays at once so the million response objects can be collected early.
 */
export async function fetchAttestationRewards({
  beacon,
  epoch,
  timeoutMs,
}: FetchAttestationRewardsParameters): Promise<AttestationRewards> {
  return beacon.request("getAttestationsRewards", async (api) => {
    const res = await getJson<{
      data?: { ideal_rewards?: RewardJson[]; total_rewards?: RewardJson[] };
    }>({
      baseUrl: api.httpClient.baseUrl,
      path: `/eth/v1/beacon/rewards/attestations/${epoch}`,
      body: [],
      timeoutMs,
    });
    const idealJson = res?.data?.ideal_rewards;
    const totalJson = res?.data?.total_rewards;
    if (!Array.isArray(idealJson) || !Array.isArray(totalJson))
      throw new SyntaxError("attestation rewards response lacks ideal_rewards/total_rewards");
    const ideal = idealJson.map((r) => ({
      effectiveBalance: decimal(r.effective_balance, "effective_balance"),
      head: decimal(r.head, "head"),
      target: decimal(r.target, "target"),
      source: decimal(r.source, "source"),
      inactivity: decimal(r.inactivity ?? "0", "inactivity"),
    }));
    const n = totalJson.length;
    const out: AttestationRewards = {
      ideal,
      validatorIndex: new Int32Array(n),
      head: new Float64Array(n),
      target: new Float64Array(n),
      source: new Float64Array(n),
      inactivity: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = totalJson[i];
      out.validatorIndex[i] = decimal(r.validator_index, "validator_index");
      out.head[i] = decimal(r.head, "head");
      out.target[i] = decimal(r.target, "target");
      out.source[i] = decimal(r.source, "source");
      out.inactivity[i] = decimal(r.inactivity ?? "0", "inactivity");
    }
    return out;
  });
}

function decimal(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n))
    throw new SyntaxError(`attestation rewards: ${field} is not a number (${value})`);
  return n;
}
