import {
  createPublicClient,
  createWalletClient,
  http,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from "viem";

export type CreateChainClientsParameters = {
  rpcUrl: string;
  account: LocalAccount;
  /** Receipt polling interval in ms; default viem's. */
  pollingIntervalMs?: number;
};

export type CreateChainClientsReturnType = {
  chainId: number;
  publicClient: PublicClient;
  walletClient: WalletClient;
};

/**
 * A public and a wallet client on any EVM chain given by URL: the chain id is read from the node,
 * so no chain definition has to be compiled in (the wallet client needs one to sign).
 */
export async function createChainClients({
  rpcUrl,
  account,
  pollingIntervalMs,
}: CreateChainClientsParameters): Promise<CreateChainClientsReturnType> {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({
    transport,
    ...(pollingIntervalMs !== undefined && { pollingInterval: pollingIntervalMs }),
  });
  const chainId = await publicClient.getChainId();
  const chain = {
    id: chainId,
    name: `chain-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  } as const;
  return { chainId, publicClient, walletClient: createWalletClient({ account, chain, transport }) };
}
