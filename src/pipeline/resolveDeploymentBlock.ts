import type pg from "pg";
import type { Address, PublicClient } from "viem";
import { loadOracleDeployment, saveOracleDeployment } from "../db/index.js";
import { findDeploymentBlock } from "../chain/index.js";

export type ResolveDeploymentBlockParameters = {
  pool: pg.Pool;
  publicClient: PublicClient;
  chainId: number;
  oracle: Address;
};

/**
 * The oracle's deployment block, where the poster's log searches start: as `cli deploy` recorded
 * it, else found on-chain once and recorded.
 */
export async function resolveDeploymentBlock({
  pool,
  publicClient,
  chainId,
  oracle,
}: ResolveDeploymentBlockParameters): Promise<bigint> {
  const stored = await loadOracleDeployment(pool, chainId, oracle);
  if (stored !== undefined) return stored;
  const blockNumber = await findDeploymentBlock({ publicClient, address: oracle });
  await saveOracleDeployment(pool, { chainId, oracle, blockNumber });
  return blockNumber;
}
