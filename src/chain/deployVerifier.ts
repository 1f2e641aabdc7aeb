import type { Address, Hex, PublicClient, WalletClient } from "viem";
import {
  reusableVerifierAdapterAbi,
  reusableVerifierAdapterBytecode,
} from "./abi/reusableVerifierAdapter.js";
import { OracleError } from "../report/errors.js";
import type { VerifierManifest } from "./loadCircuitVerifier.js";

export type DeployVerifierParameters = {
  publicClient: PublicClient;
  /** A wallet client with an account; that account pays for the deployment. */
  walletClient: WalletClient;
  manifest: VerifierManifest;
};
/** `address` is what RiskOracle calls (`IHalo2Verifier`); `contracts` every contract deployed. */
export type DeployVerifierReturnType = { address: Address; contracts: Address[]; gasUsed: bigint };

async function deployBytecode(
  p: DeployVerifierParameters,
  bytecode: Hex,
  abi: readonly unknown[] = [],
  args: readonly unknown[] = [],
): Promise<{ address: Address; gasUsed: bigint }> {
  const account = p.walletClient.account;
  if (!account)
    throw new OracleError(
      "ORACLE_POSTER_KEY",
      "deployVerifier needs a wallet client with an account",
    );
  const hash = await p.walletClient.deployContract({
    abi: abi as never,
    bytecode,
    args: args as never,
    account,
    chain: p.walletClient.chain,
  });
  const receipt = await p.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new OracleError("ORACLE_REVERT", "Verifier deployment failed", { details: hash });
  return { address: receipt.contractAddress, gasUsed: receipt.gasUsed };
}

/**
 * Deploys a circuit's generated Halo2 verifier: the plain verifier, or the reusable verifier, the
 * circuit's verifying-key artifact and an adapter that binds the two behind `IHalo2Verifier`.
 */
export async function deployVerifier(
  p: DeployVerifierParameters,
): Promise<DeployVerifierReturnType> {
  const verifier = await deployBytecode(p, p.manifest.verifier.bytecode);
  if (!p.manifest.reusable)
    return { address: verifier.address, contracts: [verifier.address], gasUsed: verifier.gasUsed };
  if (!p.manifest.vka)
    throw new OracleError(
      "ORACLE_INVALID_ARTIFACTS",
      "Reusable verifier without its verifying-key artifact",
      { retryable: false },
    );
  const vka = await deployBytecode(p, p.manifest.vka.bytecode);
  const adapter = await deployBytecode(
    p,
    reusableVerifierAdapterBytecode,
    reusableVerifierAdapterAbi,
    [verifier.address, vka.address],
  );
  return {
    address: adapter.address,
    contracts: [verifier.address, vka.address, adapter.address],
    gasUsed: verifier.gasUsed + vka.gasUsed + adapter.gasUsed,
  };
}
