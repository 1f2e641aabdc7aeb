import type { Address, Hex, PublicClient } from "viem";
import type { Metrics } from "../metrics/createMetrics.js";
import { riskOracleAbi } from "./abi/riskOracle.js";
import { NO_DATA_SCORE } from "../report/constants.js";

export type ObserveFeedStalenessParameters = {
  publicClient: PublicClient;
  oracle: Address;
  /** Feeds to watch, by a label for the metric (e.g. "operator:lido-curated:12") and their bytes32 id. */
  feeds: readonly { label: string; feedId: Hex }[];
  metrics: Metrics["oracle"];
  /** Current time in seconds; default: the latest block's timestamp. */
  now?: bigint;
};

/** `noData`: the latest report covering the feed had no score for it (RiskOracle's NO_DATA_SCORE). */
export type ObserveFeedStalenessReturnType = {
  label: string;
  updatedAt: bigint;
  stalenessSeconds: number | undefined;
  noData: boolean;
}[];

/**
 * Reads each feed's last update from the oracle and sets `oracle_chain_feed_staleness_seconds`
 * (seconds since the start of the score's epoch, the contract's `updatedAt`). A feed that was never
 * updated, or whose latest report had no data for it, is reported with `stalenessSeconds`
 * undefined and its gauge value removed, so a dashboard never keeps showing an earlier, fresher age.
 */
export async function observeFeedStaleness(
  p: ObserveFeedStalenessParameters,
): Promise<ObserveFeedStalenessReturnType> {
  const now = p.now ?? (await p.publicClient.getBlock({ blockTag: "latest" })).timestamp;
  const out: ObserveFeedStalenessReturnType = [];
  for (const { label, feedId } of p.feeds) {
    const [score, , updatedAt] = await p.publicClient.readContract({
      address: p.oracle,
      abi: riskOracleAbi,
      functionName: "getScore",
      args: [feedId],
    });
    const staleness = updatedAt === 0n ? undefined : Number(now - updatedAt);
    if (staleness !== undefined) p.metrics.feedStalenessSeconds.set({ feed: label }, staleness);
    else p.metrics.feedStalenessSeconds.remove({ feed: label });
    out.push({ label, updatedAt, stalenessSeconds: staleness, noData: score === NO_DATA_SCORE });
  }
  return out;
}
