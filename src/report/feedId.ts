import { keccak256, stringToBytes, type Hex } from "viem";

export type FeedIdParameters = {
  kind: "operator" | "pool";
  /** The operator's or pool's stable id in this project (e.g. "lido-curated:12", "steth"). */
  id: string;
};

/** A feed's bytes32 id: `keccak256(utf8("<kind>:<id>"))`, e.g. keccak256("operator:lido-curated:12"). */
export function feedId({ kind, id }: FeedIdParameters): Hex {
  if (id.length === 0) throw new TypeError("feed id must not be empty");
  return keccak256(stringToBytes(`${kind}:${id}`));
}
