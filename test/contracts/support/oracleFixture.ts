import {
  encodeFunctionData,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { riskOracleAbi, riskOracleBytecode } from "../../../src/chain/abi/riskOracle.js";
import { feedId } from "../../../src/report/feedId.js";
import { signReport } from "../../../src/report/signReport.js";
import type { Report } from "../../../src/report/types.js";
import { deploy, revertOf, testKey, write } from "./evm.js";

export const MODEL_HASH =
  "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" as const;
/** A `validUntil` no test reaches: tests of expiry set their own. */
export const FAR_FUTURE = 1n << 40n;
/** The fixture's beacon clock: 12-second epochs, epoch NOW_EPOCH starting at the chain's time of deployment. */
export const SECONDS_PER_EPOCH = 12;
export const NOW_EPOCH = 100_000;

/** Makes a delayed change (addAttester, removeAttester, setThreshold, acceptModel): schedules it and, the delay passed, executes it. */
export async function applyChange(
  publicClient: PublicClient,
  walletClient: WalletClient,
  oracle: Address,
  functionName: string,
  args: readonly unknown[],
) {
  const data = encodeFunctionData({ abi: riskOracleAbi as Abi, functionName, args });
  await write(publicClient, walletClient, oracle, riskOracleAbi, "scheduleChange", [data]);
  return write(publicClient, walletClient, oracle, riskOracleAbi, "executeChange", [data]);
}

/** The custom error a delayed change fails with when executed (it is scheduled first, and stays scheduled). */
export async function changeRevert(
  publicClient: PublicClient,
  walletClient: WalletClient,
  oracle: Address,
  functionName: string,
  args: readonly unknown[],
) {
  const data = encodeFunctionData({ abi: riskOracleAbi as Abi, functionName, args });
  await write(publicClient, walletClient, oracle, riskOracleAbi, "scheduleChange", [data]);
  return revertOf(
    publicClient,
    walletClient.account!.address,
    oracle,
    riskOracleAbi,
    "executeChange",
    [data],
  );
}

export type OracleFixture = {
  oracle: Address;
  attesters: PrivateKeyAccount[];
  feeds: Hex[];
  chainId: number;
  /** The oracle's genesis time (epoch NOW_EPOCH starts at the chain's time of deployment). */
  genesisTime: bigint;
  sign(
    report: Report,
    signers?: readonly PrivateKeyAccount[],
    target?: { chainId?: number; oracle?: Address },
  ): Promise<Hex[]>;
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
  /** Seconds between scheduling and executing an admin change; default 0. */
  adminDelay?: number;
  /** The file's own keys (deployer, poster, …), funded by the node first: no other file's nonces move. */
  fund?: readonly { address: Address }[];
};

/** What each funded key gets: 100 ETH, far more than any test file spends. */
const FUNDS = "0x56bc75e2d63100000";

/** A fresh RiskOracle with `attesterCount` attesters, `feedCount` operator feeds and (in development mode) MODEL_HASH accepted without a verifier. */
export async function deployOracleFixture(
  p: DeployOracleFixtureParameters,
): Promise<OracleFixture> {
  for (const { address } of p.fund ?? [])
    await p.publicClient.request({
      method: "hardhat_setBalance" as never,
      params: [address, FUNDS] as never,
    });
  const attesters = Array.from({ length: p.attesterCount ?? 5 }, (_, i) =>
    testKey(`${p.label}:attester:${i}`),
  );
  // The deploying test account is owner and feed registrar here; the role split has its own test.
  const owner = p.walletClient.account!.address;
  const development = p.developmentMode ?? true;
  const genesisTime =
    (await p.publicClient.getBlock()).timestamp - BigInt(NOW_EPOCH * SECONDS_PER_EPOCH);
  const oracle = await deploy(p.publicClient, p.walletClient, riskOracleAbi, riskOracleBytecode, [
    {
      owner,
      feedRegistrar: owner,
      attesters: attesters.map((a) => a.address),
      threshold: p.threshold ?? 3,
      heartbeat: p.heartbeat ?? 3600,
      developmentMode: development,
      genesisTime,
      secondsPerEpoch: BigInt(SECONDS_PER_EPOCH),
      adminDelay: p.adminDelay ?? 0,
      modelHash: development ? MODEL_HASH : zeroHash,
      model: {
        verifier: zeroAddress,
        outScale: 0,
        logrows: 0,
        accepted: development,
        vkHash: zeroHash,
        settingsHash: zeroHash,
      },
    },
  ]);
  const feeds = Array.from({ length: p.feedCount ?? 20 }, (_, i) =>
    feedId({ kind: "operator", id: `${p.label}-${i}` }),
  );
  // Register in chunks so one transaction stays small.
  for (let i = 0; i < feeds.length; i += 128) {
    await write(p.publicClient, p.walletClient, oracle, riskOracleAbi, "registerFeeds", [
      feeds.slice(i, i + 128),
    ]);
  }
  const chainId = await p.publicClient.getChainId();
  const threshold = p.threshold ?? 3;
  return {
    oracle,
    attesters,
    feeds,
    chainId,
    genesisTime,
    sign: (report, signers = attesters.slice(0, threshold), target = {}) =>
      Promise.all(
        signers.map((account) =>
          signReport({
            account,
            report,
            chainId: target.chainId ?? chainId,
            oracle: target.oracle ?? oracle,
          }),
        ),
      ),
  };
}
