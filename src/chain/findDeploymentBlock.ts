import type { Address, PublicClient } from "viem";
import { OracleError } from "../report/errors.js";

export type FindDeploymentBlockParameters = { publicClient: PublicClient; address: Address };

/**
 * The block a contract was deployed in, by binary search over `eth_getCode` at past blocks (about
 * log2(head) calls). For an oracle deployed without `cli deploy`, which records the block itself.
 * Needs a node that serves past state; throws a retryable error when none is there yet.
 */
export async function findDeploymentBlock({
  publicClient,
  address,
}: FindDeploymentBlockParameters): Promise<bigint> {
  const hasCode = async (blockNumber: bigint) =>
    ((await publicClient.getCode({ address, blockNumber })) ?? "0x") !== "0x";
  let high = await publicClient.getBlockNumber();
  if (!(await hasCode(high)))
    throw new OracleError("ORACLE_RPC_ERROR", `No contract at ${address} yet`, { retryable: true });
  let low = 0n;
  while (low < high) {
    const mid = (low + high) / 2n;
    if (await hasCode(mid)) high = mid;
    else low = mid + 1n;
  }
  return low;
}
