import type { BeaconClient } from "./createBeaconClient.js";

export type ProposerDuty = { slot: number; validatorIndex: number };
export type FetchProposerDutiesParameters = { beacon: BeaconClient; epoch: number };

/** Proposer of every slot of `epoch` (nodes such as Lighthouse also answer for past epochs). */
export async function fetchProposerDuties({ beacon, epoch }: FetchProposerDutiesParameters): Promise<ProposerDuty[]> {
  return beacon.request("getProposerDuties", async (api) => {
    const duties = (await api.validator.getProposerDuties({ epoch })).value();
    return duties.map((d) => ({ slot: d.slot, validatorIndex: d.validatorIndex })).sort((a, b) => a.slot - b.slot);
  });
}
