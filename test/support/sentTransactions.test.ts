import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeFunctionData, keccak256, stringToBytes, type Hex } from "viem";
import { riskOracleAbi } from "../../src/chain/index.js";
import {
  publicClientFor,
  skipWithoutNode,
  testKey,
  walletClientFor,
} from "../contracts/support/evm.js";
import { sentTransactions } from "./sentTransactions.js";

const skip = await skipWithoutNode();
const publicClient = publicClientFor();

describe("sentTransactions", { skip }, () => {
  it("lists one account's transactions from a block on, decoded with the project's ABIs", async () => {
    // This run's own sender, so another run's transactions never mix in.
    const sender = testKey(`sent-transactions:${process.pid}-${Date.now()}`);
    const bystander = testKey("sent-transactions:bystander");
    await publicClient.request({
      method: "hardhat_setBalance" as never,
      params: [sender.address, "0x56bc75e2d63100000"] as never,
    });
    const wallet = walletClientFor(sender);
    const fromBlock = (await publicClient.getBlockNumber()) + 1n;
    const feed = keccak256(stringToBytes("sent-transactions:feed"));
    // Calldata to an account without code is mined as is: what matters here is its decoding.
    const send = async (data: Hex) =>
      publicClient.waitForTransactionReceipt({
        hash: await wallet.sendTransaction({
          to: bystander.address,
          data,
          account: sender,
          chain: wallet.chain,
        }),
      });
    await send(
      encodeFunctionData({ abi: riskOracleAbi, functionName: "registerFeeds", args: [[feed]] }),
    );
    await send(`0xdeadbeef${"00".repeat(40)}`);
    const sent = await sentTransactions({ publicClient, from: sender.address, fromBlock });
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((t) => [t.nonce, t.to?.toLowerCase(), t.call]),
      [
        [0, bystander.address.toLowerCase(), `registerFeeds([["${feed}"]])`],
        [1, bystander.address.toLowerCase(), "unknown selector 0xdeadbeef"],
      ],
    );
  });
});
