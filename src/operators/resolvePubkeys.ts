import type { BeaconClient } from "../beacon/index.js";

export type ResolvePubkeysParameters = {
  beacon: BeaconClient;
  pubkeys: string[];
  batchSize?: number;
  onBatch?: (done: number) => void;
};

/** pubkey → validator index for the pubkeys the head state knows (POST validators by id, in batches). */
export async function resolvePubkeys({
  beacon,
  pubkeys,
  batchSize = 1000,
  onBatch,
}: ResolvePubkeysParameters): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let k = 0; k < pubkeys.length; k += batchSize) {
    const ids = pubkeys.slice(k, k + batchSize);
    const found = await beacon.request("postStateValidators", async (api) =>
      (await api.beacon.postStateValidators({ stateId: "head", validatorIds: ids })).value(),
    );
    for (const v of found) out.set(`0x${Buffer.from(v.validator.pubkey).toString("hex")}`, v.index);
    onBatch?.(Math.min(k + batchSize, pubkeys.length));
  }
  return out;
}
