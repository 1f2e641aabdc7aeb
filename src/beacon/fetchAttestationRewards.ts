import type { BeaconClient } from "./createBeaconClient.js";
import { openJsonStream } from "./openJsonStream.js";
import { scanJsonArrays } from "./scanJsonArrays.js";

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

const PER_VALIDATOR = ["head", "target", "source", "inactivity"] as const;

/**
 * `POST /eth/v1/beacon/rewards/attestations/{epoch}` for every validator. Values are parsed as
 * decimals (Number), not BigInt: some clients send "123.0". The answer is streamed: per-validator
 * values land in typed arrays chunk by chunk, so neither the text nor a million objects are held.
 */
export async function fetchAttestationRewards({
  beacon,
  epoch,
  timeoutMs,
}: FetchAttestationRewardsParameters): Promise<AttestationRewards> {
  return beacon.request("getAttestationsRewards", async (api, signal) => {
    const ideal: IdealReward[] = [];
    let out = allocate(1 << 16);
    let n = 0;
    const found = await scanJsonArrays({
      body: await openJsonStream({
        baseUrl: api.httpClient.baseUrl,
        path: `/eth/v1/beacon/rewards/attestations/${epoch}`,
        body: [],
        timeoutMs,
        signal,
      }),
      arrays: {
        "data.ideal_rewards": (batch) => {
          for (const r of batch as RewardJson[])
            ideal.push({
              effectiveBalance: decimal(r.effective_balance, "effective_balance"),
              head: decimal(r.head, "head"),
              target: decimal(r.target, "target"),
              source: decimal(r.source, "source"),
              inactivity: decimal(r.inactivity ?? "0", "inactivity"),
            });
        },
        "data.total_rewards": (batch) => {
          for (const r of batch as RewardJson[]) {
            if (n === out.validatorIndex.length) out = resize(out, n * 2, n);
            out.validatorIndex[n] = decimal(r.validator_index, "validator_index");
            for (const key of PER_VALIDATOR)
              out[key][n] = decimal(key === "inactivity" ? (r[key] ?? "0") : r[key], key);
            n++;
          }
        },
      },
    });
    if (!found.has("data.ideal_rewards") || !found.has("data.total_rewards"))
      throw new SyntaxError("attestation rewards response lacks ideal_rewards/total_rewards");
    return { ...resize(out, n, n), ideal };
  });
}

function allocate(n: number): Omit<AttestationRewards, "ideal"> {
  return {
    validatorIndex: new Int32Array(n),
    head: new Float64Array(n),
    target: new Float64Array(n),
    source: new Float64Array(n),
    inactivity: new Float64Array(n),
  };
}

/** Arrays of length `size` holding the first `used` entries. */
function resize(
  from: Omit<AttestationRewards, "ideal">,
  size: number,
  used: number,
): Omit<AttestationRewards, "ideal"> {
  if (size === from.validatorIndex.length) return from;
  const to = allocate(size);
  to.validatorIndex.set(from.validatorIndex.subarray(0, used));
  for (const key of PER_VALIDATOR) to[key].set(from[key].subarray(0, used));
  return to;
}

function decimal(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n))
    throw new SyntaxError(`attestation rewards: ${field} is not a number (${value})`);
  return n;
}
