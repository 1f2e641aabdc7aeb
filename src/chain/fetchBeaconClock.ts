import { OracleError } from "../report/errors.js";

/** What RiskOracle dates scores with: an epoch starts at genesisTime + epoch × secondsPerEpoch. */
export type BeaconClock = { genesisTime: number; secondsPerEpoch: number };

export type FetchBeaconClockParameters = { beaconUrl: string; timeoutMs?: number };

/** The chain's genesis time (`/eth/v1/beacon/genesis`) and seconds per epoch (`/eth/v1/config/spec`) from a beacon node. */
export async function fetchBeaconClock({
  beaconUrl,
  timeoutMs = 10_000,
}: FetchBeaconClockParameters): Promise<BeaconClock> {
  const get = async (path: string) => {
    const res = await fetch(new URL(path, beaconUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok)
      throw new OracleError("ORACLE_BEACON_CLOCK", `Beacon node answered ${res.status} to ${path}`);
    return ((await res.json()) as { data: Record<string, string> }).data;
  };
  const [genesis, spec] = await Promise.all([
    get("/eth/v1/beacon/genesis"),
    get("/eth/v1/config/spec"),
  ]);
  const clock = {
    genesisTime: Number(genesis.genesis_time),
    secondsPerEpoch: Number(spec.SECONDS_PER_SLOT) * Number(spec.SLOTS_PER_EPOCH),
  };
  if (
    !Number.isSafeInteger(clock.genesisTime) ||
    !Number.isSafeInteger(clock.secondsPerEpoch) ||
    clock.secondsPerEpoch <= 0
  ) {
    throw new OracleError(
      "ORACLE_BEACON_CLOCK",
      "Beacon node gave no usable genesis time or epoch length",
      { details: JSON.stringify(clock) },
    );
  }
  return clock;
}
