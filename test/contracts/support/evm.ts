import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import {
  mnemonicToAccount,
  privateKeyToAccount,
  type HDAccount,
  type PrivateKeyAccount,
} from "viem/accounts";
import { hardhat } from "viem/chains";
import { keccak256, stringToBytes } from "viem";

/** The local Hardhat node (`bash scripts/services.sh up`), overridable with EVM_RPC_URL. */
export const rpcUrl = process.env.EVM_RPC_URL || "http://127.0.0.1:58545";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** A funded default Hardhat account. Each test file uses its own index to avoid nonce clashes. */
export function hardhatAccount(index: number): HDAccount {
  return mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });
}

/** A deterministic unfunded key (attesters only sign; they never send transactions). */
export function testKey(label: string): PrivateKeyAccount {
  return privateKeyToAccount(keccak256(stringToBytes(`risk-oracle-test:${label}`)));
}

export function publicClientFor(url = rpcUrl): PublicClient {
  return createPublicClient({
    chain: hardhat,
    transport: http(url, { retryCount: 0 }),
    pollingInterval: 50,
  }) as PublicClient;
}

export function walletClientFor(
  account: HDAccount | PrivateKeyAccount,
  url = rpcUrl,
): WalletClient {
  return createWalletClient({ chain: hardhat, account, transport: http(url, { retryCount: 0 }) });
}

/** Whether the node answers; tests skip with a clear reason when it does not. */
export async function nodeAvailable(url = rpcUrl): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** A contract suite's `skip`: false when the node answers, else the reason and how to start it. */
export async function skipWithoutNode(url = rpcUrl): Promise<false | string> {
  return (await nodeAvailable(url))
    ? false
    : "no EVM node at EVM_RPC_URL (run: bash scripts/services.sh up)";
}

export async function deploy(
  publicClient: PublicClient,
  walletClient: WalletClient,
  abi: Abi,
  bytecode: Hex,
  args: readonly unknown[] = [],
): Promise<Address> {
  const hash = await walletClient.deployContract({
    abi,
    bytecode,
    args,
    account: walletClient.account!,
    chain: hardhat,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress || receipt.status !== "success")
    throw new Error(`deployment failed: ${hash}`);
  return receipt.contractAddress;
}

/** Sends a contract write and waits for a successful receipt. */
export async function write(
  publicClient: PublicClient,
  walletClient: WalletClient,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
) {
  const hash = await walletClient.writeContract({
    address,
    abi,
    functionName,
    args,
    account: walletClient.account!,
    chain: hardhat,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted: ${hash}`);
  return receipt;
}

/** The custom error a call reverts with (name and args), from eth_call; throws if it does not revert. */
export async function revertOf(
  publicClient: PublicClient,
  account: Address,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<{ errorName: string; args: readonly unknown[] }> {
  try {
    await publicClient.simulateContract({ address, abi, functionName, args, account });
  } catch (e) {
    const reverted =
      e instanceof BaseError
        ? e.walk((x) => x instanceof ContractFunctionRevertedError)
        : undefined;
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    }
    throw e;
  }
  throw new Error(`${functionName} did not revert`);
}

export async function increaseTime(publicClient: PublicClient, seconds: number): Promise<void> {
  await publicClient.request({ method: "evm_increaseTime", params: [seconds] } as never);
  await publicClient.request({ method: "evm_mine", params: [] } as never);
}
