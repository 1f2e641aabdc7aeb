import type { Address, Hex, PublicClient, WalletClient } from "viem";
import { riskOracleAbi, riskOracleBytecode } from "./abi/riskOracle.js";
import { OracleError } from "./errors.js";

export type DeployRiskOracleParameters = {
  publicClient: PublicClient;
  /** A wallet client with an account; that account pays for the deployment. */
  walletClient: WalletClient;
  owner: Address;
  attesters: readonly Address[];
  threshold: number;
  /** Staleness bound exposed to readers, in seconds. */
  heartbeat: number;
  /** Accept models without a verifier (reports on signatures alone): local development and tests only. */
  developmentMode?: boolean;
};

export type DeployRiskOracleReturnType = { address: Address; txHash: Hex; blockNumber: bigint };

/** Deploys RiskOracle and waits for the receipt. */
export async function deployRiskOracle(p: DeployRiskOracleParameters): Promise<DeployRiskOracleReturnType> {
  const account = p.walletClient.account;
  if (!account) throw new OracleError("ORACLE_POSTER_KEY", "deployRiskOracle needs a wallet client with an account");
  const txHash = await p.walletClient.deployContract({
    abi: riskOracleAbi,
    bytecode: riskOracleBytecode,
    args: [p.owner, [...p.attesters], p.threshold, p.heartbeat, p.developmentMode ?? false],
    account,
    chain: p.walletClient.chain,
  });
  const receipt = await p.publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new OracleError("ORACLE_REVERT", "RiskOracle deployment failed", { details: txHash });
  return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber };
}
