import {
  getAddress,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { riskOracleAbi, riskOracleBytecode } from "./abi/riskOracle.js";
import type { BeaconClock } from "./fetchBeaconClock.js";
import { OracleError } from "../report/errors.js";

/** A model accepted at deployment with its pinned circuit (verifier zero only in development mode). */
export type InitialModel = {
  modelHash: Hex;
  verifier: Address;
  vkHash: Hex;
  settingsHash: Hex;
  outScale: number;
  logrows: number;
};

export type DeployRiskOracleParameters = {
  publicClient: PublicClient;
  /** A wallet client with an account; that account pays for the deployment and gets no role. */
  walletClient: WalletClient;
  /** The admin: must not be the poster's key (checked in production). */
  owner: Address;
  /** May register feeds (append-only); may be the poster's key. */
  feedRegistrar: Address;
  /** The poster's address, so production can refuse an owner equal to it. */
  poster?: Address;
  attesters: readonly Address[];
  threshold: number;
  /** Staleness bound exposed to readers, in seconds. */
  heartbeat: number;
  /** The beacon chain's genesis time and seconds per epoch: scores are dated by their epoch. */
  clock: BeaconClock;
  /** Seconds between scheduling and executing a change of attesters, threshold or models. */
  adminDelay: number;
  model?: InitialModel;
  /** Accept models without a verifier (reports on signatures alone): local development and tests only. */
  developmentMode?: boolean;
  /** NODE_ENV=production: refuse an owner that is the poster. */
  production?: boolean;
};

export type DeployRiskOracleReturnType = { address: Address; txHash: Hex; blockNumber: bigint };

/** Deploys RiskOracle and waits for the receipt. */
export async function deployRiskOracle(
  p: DeployRiskOracleParameters,
): Promise<DeployRiskOracleReturnType> {
  const account = p.walletClient.account;
  if (!account)
    throw new OracleError(
      "ORACLE_POSTER_KEY",
      "deployRiskOracle needs a wallet client with an account",
    );
  // The poster's key sits on an online worker; the owner's can change what the oracle accepts.
  if (p.production && p.poster && getAddress(p.owner) === getAddress(p.poster)) {
    throw new OracleError(
      "ORACLE_ROLES",
      "RiskOracle's owner must not be the poster's key in production",
      { details: `owner ${p.owner}` },
    );
  }
  const m = p.model;
  const txHash = await p.walletClient.deployContract({
    abi: riskOracleAbi,
    bytecode: riskOracleBytecode,
    args: [
      {
        owner: p.owner,
        feedRegistrar: p.feedRegistrar,
        attesters: [...p.attesters],
        threshold: p.threshold,
        heartbeat: p.heartbeat,
        developmentMode: p.developmentMode ?? false,
        genesisTime: BigInt(p.clock.genesisTime),
        secondsPerEpoch: BigInt(p.clock.secondsPerEpoch),
        adminDelay: p.adminDelay,
        modelHash: m?.modelHash ?? zeroHash,
        model: {
          verifier: m?.verifier ?? zeroAddress,
          outScale: m?.outScale ?? 0,
          logrows: m?.logrows ?? 0,
          accepted: m !== undefined,
          vkHash: m?.vkHash ?? zeroHash,
          settingsHash: m?.settingsHash ?? zeroHash,
        },
      },
    ],
    account,
    chain: p.walletClient.chain,
  });
  const receipt = await p.publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new OracleError("ORACLE_REVERT", "RiskOracle deployment failed", { details: txHash });
  return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber };
}
