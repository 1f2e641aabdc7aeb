import type pg from "pg";
import type { Address, LocalAccount, PublicClient, WalletClient } from "viem";
import type { Logger } from "../common/logger.js";
import { riskOracleAbi } from "../chain/index.js";
import { PipelineError } from "./errors.js";

export type EnsureFeedsRegisteredParameters = {
  pool: pg.Pool;
  publicClient: PublicClient;
  account: LocalAccount;
  /** Sends the registration transaction (the account must be the oracle's feed registrar). */
  walletClient: WalletClient;
  oracle: Address;
  /** The feeds about to be reported, [from, upTo): every index below `upTo` must be registered. */
  from: number;
  upTo: number;
  logger?: Logger;
};

/**
 * Registers on RiskOracle, in index order, the database's feeds it does not know yet, so that
 * on-chain indices equal the database's; then checks that the feeds about to be reported name
 * the same ids on both sides. Registration is the feed registrar's (a role the owner assigns,
 * append-only, so it may be the poster's key; never the owner's): any other key gets a clear error.
 */
export async function ensureFeedsRegistered({
  pool,
  publicClient,
  account,
  walletClient,
  oracle,
  from,
  upTo,
  logger,
}: EnsureFeedsRegisteredParameters): Promise<void> {
  const onChain = Number(
    await publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "feedCount",
    }),
  );
  const { rows } = await pool.query<{ feed_index: number; feed_id: string }>(
    `SELECT feed_index, feed_id FROM feed WHERE feed_index < $1 ORDER BY feed_index`,
    [upTo],
  );
  if (rows.length < upTo || rows.some((r, i) => r.feed_index !== i)) {
    throw new PipelineError(
      "PIPELINE_FEED_REGISTRY",
      `Feed indices below ${upTo} are not all assigned in the database`,
    );
  }
  const missing = rows.filter((r) => r.feed_index >= onChain);
  if (missing.length > 0) {
    const registrar = await publicClient.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "feedRegistrar",
    });
    if (registrar.toLowerCase() !== account.address.toLowerCase()) {
      throw new PipelineError(
        "PIPELINE_FEED_REGISTRY",
        `${missing.length} feeds must be registered on RiskOracle by its feed registrar ${registrar}`,
        {
          details: `feeds ${missing[0].feed_index}..${missing[missing.length - 1].feed_index}; run \`npm run cli -- feeds register\` with the feed registrar's key`,
        },
      );
    }
    const { request } = await publicClient.simulateContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "registerFeeds",
      args: [missing.map((r) => r.feed_id as `0x${string}`)],
      account,
    });
    const hash = await walletClient.writeContract(request);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new PipelineError("PIPELINE_FEED_REGISTRY", "Feed registration reverted", {
        details: hash,
        retryable: true,
      });
    logger?.info(
      { from: missing[0].feed_index, count: missing.length },
      "feeds registered on-chain",
    );
  }
  const reported = rows.slice(from);
  const onChainIds = await Promise.all(
    reported.map((r) =>
      publicClient.readContract({
        address: oracle,
        abi: riskOracleAbi,
        functionName: "feedAt",
        args: [BigInt(r.feed_index)],
      }),
    ),
  );
  const wrong = reported.findIndex(
    (r, i) => onChainIds[i].toLowerCase() !== r.feed_id.toLowerCase(),
  );
  if (wrong >= 0) {
    throw new PipelineError(
      "PIPELINE_FEED_REGISTRY",
      `On-chain feed ${reported[wrong].feed_index} is not the database's`,
      { details: `chain ${onChainIds[wrong]}, database ${reported[wrong].feed_id}` },
    );
  }
}
