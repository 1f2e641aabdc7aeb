/**
 * Deploys the on-chain side for a local or new deployment: RiskOracle (an owner that is not the
 * deploying poster key, the poster key as feed registrar, the attester set and threshold,
 * heartbeat, the beacon chain's clock, the admin delay, and the model hash accepted with its pinned
 * circuit), the circuit's generated Halo2 verifier, and the example CDP consumer; plus, on demand,
 * an AggregatorV3 adapter per feed.
 */
import {
  getAddress,
  getContractAddress,
  keccak256,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { riskBasedLtvAbi, riskBasedLtvBytecode } from "./abi/riskBasedLtv.js";
import { riskFeedAdapterAbi, riskFeedAdapterBytecode } from "./abi/riskFeedAdapter.js";
import { acceptModelChange } from "./acceptModelChange.js";
import { deployRiskOracle } from "./deployRiskOracle.js";
import { deployVerifier } from "./deployVerifier.js";
import type { BeaconClock } from "./fetchBeaconClock.js";
import type { VerifierManifest } from "./loadCircuitVerifier.js";
import { feedId, OracleError } from "../report/index.js";

export type DeployOracleParameters = {
  publicClient: PublicClient;
  /** Pays for the deployments; becomes the feed registrar (the poster's key registers feeds as it posts). */
  walletClient: WalletClient;
  /** RiskOracle's admin: not the deploying key (refused in production). */
  owner: Address;
  /** The beacon chain's genesis time and seconds per epoch (`fetchBeaconClock`). */
  clock: BeaconClock;
  /** Seconds between scheduling and executing a change of attesters, threshold or models. Default 0 (development). */
  adminDelay?: number;
  /** NODE_ENV=production: refuse an owner equal to the deploying (poster) key. */
  production?: boolean;
  attesters: readonly Address[];
  threshold: number;
  heartbeat: number;
  modelHash: Hex;
  /**
   * The circuit's committed verifier (contracts/generated/<circuit>/verifier.json), deployed and
   * pinned with the model. Without one the oracle is deployed in development mode and takes
   * reports on signatures alone.
   */
  verifier?: VerifierManifest;
  /**
   * The example CDP's LTV haircut: maxLtv at zero expected 30-day loss, less haircutPerLossBp LTV
   * bp per bp of expected loss, 0 from the cutoff (bp of stake, at most 100).
   */
  ltv?: { maxLtvBps: number; haircutPerLossBp: number; lossCutoffBps: number };
};

export type DeployOracleReturnType = {
  oracle: Address;
  cdp: Address;
  verifier: Address | null;
  blockNumber: bigint;
};

async function deploy(
  publicClient: PublicClient,
  walletClient: WalletClient,
  abi: readonly unknown[],
  bytecode: Hex,
  args: readonly unknown[],
): Promise<Address> {
  const hash = await walletClient.deployContract({
    abi: abi as never,
    bytecode,
    args: args as never,
    account: walletClient.account!,
    chain: walletClient.chain,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new OracleError("ORACLE_DEPLOY_FAILED", "Deployment reverted", {
      details: hash,
      meta: { hash },
    });
  return receipt.contractAddress;
}

export async function deployOracle(p: DeployOracleParameters): Promise<DeployOracleReturnType> {
  const poster = p.walletClient.account!.address;
  // RiskOracle stays the deploying key's first contract here (compose.dev.env knows its address), and
  // pins the verifier deployed right after it: the verifier's address is known from the nonce.
  const nonce = await p.publicClient.getTransactionCount({ address: poster, blockTag: "pending" });
  const expectedVerifier = p.verifier
    ? getContractAddress({ from: poster, nonce: BigInt(nonce + (p.verifier.reusable ? 3 : 1)) })
    : zeroAddress;
  const model = p.verifier
    ? acceptModelChange({
        modelHash: p.modelHash,
        verifier: expectedVerifier,
        manifest: p.verifier,
      })
    : {
        modelHash: p.modelHash,
        verifier: zeroAddress,
        vkHash: zeroHash,
        settingsHash: zeroHash,
        outScale: 0,
        logrows: 0,
      };
  // The model is accepted in the constructor: later changes wait adminDelay, the first deployment serves at once.
  const { address: oracle, blockNumber } = await deployRiskOracle({
    publicClient: p.publicClient,
    walletClient: p.walletClient,
    owner: p.owner,
    feedRegistrar: poster,
    poster,
    production: p.production,
    attesters: p.attesters,
    threshold: p.threshold,
    heartbeat: p.heartbeat,
    clock: p.clock,
    adminDelay: p.adminDelay ?? 0,
    model,
    developmentMode: p.verifier === undefined,
  });
  const verifier = p.verifier
    ? (
        await deployVerifier({
          publicClient: p.publicClient,
          walletClient: p.walletClient,
          manifest: p.verifier,
        })
      ).address
    : null;
  if (verifier && getAddress(verifier) !== getAddress(expectedVerifier)) {
    throw new OracleError("ORACLE_DEPLOY_FAILED", "The verifier is not where RiskOracle pins it", {
      details: `deployed at ${verifier}, pinned at ${expectedVerifier} by RiskOracle ${oracle}: another transaction of the deploying key came in between`,
      meta: { verifier, expectedVerifier, oracle },
    });
  }
  // 90 % at no expected loss, one LTV point per bp of it: a healthy operator (0-1 bp a month)
  // keeps 89-90 %, a fully offline one (about 35 bp) 55 %; from 50 bp, beyond any loss downtime
  // alone explains, no new debt.
  const ltv = p.ltv ?? { maxLtvBps: 9_000, haircutPerLossBp: 100, lossCutoffBps: 50 };
  const cdp = await deploy(p.publicClient, p.walletClient, riskBasedLtvAbi, riskBasedLtvBytecode, [
    ltv.maxLtvBps,
    ltv.haircutPerLossBp,
    ltv.lossCutoffBps,
    p.heartbeat,
  ]);
  return { oracle, cdp, verifier, blockNumber };
}

/** An AggregatorV3Interface view of one operator's feed, as a CDP reads it. */
export async function deployFeedAdapter(p: {
  publicClient: PublicClient;
  walletClient: WalletClient;
  oracle: Address;
  operatorId: string;
}): Promise<Address> {
  return deploy(p.publicClient, p.walletClient, riskFeedAdapterAbi, riskFeedAdapterBytecode, [
    p.oracle,
    feedId({ kind: "operator", id: p.operatorId }),
    `risk:operator:${p.operatorId}`,
  ]);
}

/**
 * A stand-in collateral address for an operator's staked position (the demo and tests have no
 * token): the example CDP looks up the feed bound to it.
 */
export function demoCollateral(operatorId: string): Address {
  return getAddress(keccak256(toHex(`collateral:operator:${operatorId}`)).slice(0, 42));
}

/** Binds a collateral to its risk feed on the example CDP (the CDP's admin only). */
export async function bindCdpFeed(p: {
  publicClient: PublicClient;
  walletClient: WalletClient;
  cdp: Address;
  collateral: Address;
  feed: Address;
}): Promise<void> {
  const hash = await p.walletClient.writeContract({
    address: p.cdp,
    abi: riskBasedLtvAbi,
    functionName: "bindFeed",
    args: [p.collateral, p.feed],
    account: p.walletClient.account!,
    chain: p.walletClient.chain,
  });
  await p.publicClient.waitForTransactionReceipt({ hash });
}
