import { decodeFunctionData, type Abi, type Address, type Hex, type PublicClient } from "viem";
import {
  aggregatorV3Abi,
  halo2VerifierAbi,
  riskBasedLtvAbi,
  riskFeedAdapterAbi,
  riskOracleAbi,
} from "../../src/chain/index.js";

export type SentTransactionsParameters = {
  publicClient: PublicClient;
  from: Address;
  /** First block to read: the head when the account's nonce was last known. */
  fromBlock: bigint;
};

export type SentTransaction = {
  nonce: number;
  blockNumber: bigint;
  hash: Hex;
  /** null for a contract deployment. */
  to: Address | null;
  /** The decoded call, e.g. `postReport({"epoch":"8",…})`, or its selector when no ABI knows it. */
  call: string;
};

export type SentTransactionsReturnType = SentTransaction[];

const ABIS: readonly Abi[] = [
  riskOracleAbi,
  riskFeedAdapterAbi,
  riskBasedLtvAbi,
  halo2VerifierAbi,
  aggregatorV3Abi,
];

/**
 * The transactions `from` has in blocks `fromBlock`..latest, their calldata decoded with the
 * project's ABIs: what a test prints when an account's nonce moved although nothing should have
 * sent, so the failure names the transaction, its target and its arguments instead of two numbers.
 */
export async function sentTransactions({
  publicClient,
  from,
  fromBlock,
}: SentTransactionsParameters): Promise<SentTransactionsReturnType> {
  const latest = await publicClient.getBlockNumber();
  const sent: SentTransaction[] = [];
  for (let n = fromBlock; n <= latest; n++) {
    const block = await publicClient.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions)
      if (tx.from.toLowerCase() === from.toLowerCase())
        sent.push({
          nonce: tx.nonce,
          blockNumber: n,
          hash: tx.hash,
          to: tx.to,
          call: tx.to === null ? "contract deployment" : decodeCall(tx.input),
        });
  }
  return sent;
}

function decodeCall(data: Hex): string {
  for (const abi of ABIS) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data });
      return `${functionName}(${JSON.stringify(args ?? [], shorten)})`;
    } catch {
      // Not this ABI's function: try the next one.
    }
  }
  return `unknown selector ${data.slice(0, 10)}`;
}

/** Bigints as text, and proofs and signatures cut to their start and length (they run to kilobytes). */
function shorten(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && value.startsWith("0x") && value.length > 66)
    return `${value.slice(0, 10)}…(${(value.length - 2) / 2} bytes)`;
  return value;
}
