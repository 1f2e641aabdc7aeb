import type { Address, Hex, PublicClient } from "viem";
import type { Metrics } from "../metrics/createMetrics.js";
import { riskOracleAbi } from "./abi/riskOracle.js";

export type ObserveFeedStalenessParameters = {
  publicClient: PublicClient;
  oracle: Address;
  /** Feeds to watch, by a label for the metric (e.g. "operator:lido-curated:12") and their bytes32 id. */
  feeds: readonly { label: string; feedId: Hex }[];
  metrics: Metrics["oracle"];
  /** Current time in seconds; default: the latest block's timestamp. */
  now?: bigint;
};

export type ObserveFeedStalenessReturnType = { label: string; updatedAt: bigint; stalenessSeconds: number | undefined }[];

/**
 * Reads each feed's last update from the oracle and sets `oracle_chain_feed_staleness_seconds`.
 * A feed that was never updated is reported with `stalenessSeconds` undefined and no gauge value.
 */
export async function observeFeedStaleness(p: ObserveFeedStalenessParameters): Promise<ObserveFeedStalenessReturnType> {
  const now = p.now ?? (await p.publicClient.getBlock({ blockTag: "latest" })).timestamp;
  const out: ObserveFeedStalenessReturnType = [];
  for (const { label, feedId } of p.feeds) {
    const [, , updatedAt] = await p.publicClient.readContract({ address: p.oracle, abi: riskOracleAbi, functionName: "getScore", args: [feedId] });
    const staleness = updatedAt === 0n ? undefined : Number(now - updatedAt);
    if (staleness !== undefined) p.metrics.feedStalenessSeconds.set({ feed: label }, staleness);
    out.push({ label, updatedAt, stalenessSeconds: staleness });
  }
  return out;
}
