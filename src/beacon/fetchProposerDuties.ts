import type { BeaconClient } from "./createBeaconClient.js";

export type ProposerDuty = { slot: number; validatorIndex: number };
export type ProposerDuties = {
  /** Root of the last block before the epoch: the duties hold only while it stays canonical. */
  dependentRoot: string;
  duties: ProposerDuty[];
};
export type FetchProposerDutiesParameters = { beacon: BeaconClient; epoch: number };

/**
 * Proposer of every slot of `epoch`. Non-archive nodes answer only the current and the next
 * epoch (Lodestar refuses the rest, BEACON_NOT_SERVED); archive nodes also answer past epochs.
 */
export async function fetchProposerDuties({
  beacon,
  epoch,
}: FetchProposerDutiesParameters): Promise<ProposerDuties> {
  return beacon.request("getProposerDuties", async (api) => {
    const res = await api.validator.getProposerDuties({ epoch });
    const duties = res
      .value()
      .map((d) => ({ slot: d.slot, validatorIndex: d.validatorIndex }))
      .sort((a, b) => a.slot - b.slot);
    // @lodestar/api already gives the root as 0x hex.
    return { dependentRoot: String(res.meta().dependentRoot).toLowerCase(), duties };
  });
}
