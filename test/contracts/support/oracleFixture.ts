import { zeroAddress, zeroHash, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { riskOracleAbi, riskOracleBytecode } from "../../../src/oracle/abi/riskOracle.js";
import { feedId } from "../../../src/oracle/feedId.js";
import { signReport } from "../../../src/oracle/signReport.js";
import type { Report } from "../../../src/oracle/types.js";
import { deploy, testKey, write } from "./evm.js";

export const MODEL_HASH = "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" as const;

export type OracleFixture = {
  oracle: Address;
  attesters: PrivateKeyAccount[];
  feeds: Hex[];
  chainId: number;
  sign(report: Report, signers?: readonly PrivateKeyAccount[], target?: { chainId?: number; oracle?: Address }): Promise<Hex[]>;
};

export type DeployOracleFixtureParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient;
  /** Label that makes the attester keys of this file distinct. */
  label: string;
  attesterCount?: number;
  threshold?: number;
  heartbeat?: number;
  feedCount?: number;
  /** Deploy in development mode (default): MODEL_HASH accepted without a verifier. */
  developmentMode?: boolean;
};

/** A fresh RiskOracle with `attesterCount` attesters, `feedCount` operator feeds and (in development mode) MODEL_HASH accepted without a verifier. */
export async function deployOracleFixture(p: DeployOracleFixtureParameters): Promise<OracleFixture> {
  const attesters = Array.from({ length: p.attesterCount ?? 5 }, (_, i) => testKey(`${p.label}:attester:${i}`));
  const owner = p.walletClient.account!.address;
  const oracle = await deploy(p.publicClient, p.walletClient, riskOracleAbi, riskOracleBytecode, [
    owner,
    attesters.map((a) => a.address),
    p.threshold ?? 3,
    p.heartbeat ?? 3600,
    p.developmentMode ?? true,
  ]);
  const feeds = Array.from({ length: p.feedCount ?? 20 }, (_, i) => feedId({ kind: "operator", id: `${p.label}-${i}` }));
  // Register in chunks so one transaction stays small.
  for (let i = 0; i < feeds.length; i += 128) {
    await write(p.publicClient, p.walletClient, oracle, riskOracleAbi, "registerFeeds", [feeds.slice(i, i + 128)]);
  }
  if (p.developmentMode ?? true) await write(p.publicClient, p.walletClient, oracle, riskOracleAbi, "acceptModel", [MODEL_HASH, zeroAddress, zeroHash, zeroHash, 0, 0]);
  const chainId = await p.publicClient.getChainId();
  const threshold = p.threshold ?? 3;
  return {
    oracle,
    attesters,
    feeds,
    chainId,
    sign: (report, signers = attesters.slice(0, threshold), target = {}) =>
      Promise.all(signers.map((account) => signReport({ account, report, chainId: target.chainId ?? chainId, oracle: target.oracle ?? oracle }))),
  };
}
