import type { Address, PublicClient } from "viem";
import { riskOracleAbi } from "./abi/riskOracle.js";

export type ReportValidUntilParameters = {
  publicClient: PublicClient;
  oracle: Address;
  epoch: bigint | number;
  validitySeconds: number;
};

/**
 * The `validUntil` a poster proposes for a report: the start of its epoch on the oracle's clock
 * plus REPORT_VALIDITY_SECONDS. Derived from the epoch, not from the time of asking, so a retried
 * post asks for the same report (same digest) and finds it if it was already posted.
 */
export async function reportValidUntil({
  publicClient,
  oracle,
  epoch,
  validitySeconds,
}: ReportValidUntilParameters): Promise<bigint> {
  const start = await publicClient.readContract({
    address: oracle,
    abi: riskOracleAbi,
    functionName: "epochTime",
    args: [BigInt(epoch)],
  });
  return start + BigInt(validitySeconds);
}
