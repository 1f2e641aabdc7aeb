import { getAbiItem, type Address, type Hex, type PublicClient } from "viem";
import { riskOracleAbi } from "./abi/riskOracle.js";
import { decodeOracleChange } from "./decodeOracleChange.js";
import type { OracleChange } from "./encodeOracleChange.js";

const CHANGE_EVENTS = [
  getAbiItem({ abi: riskOracleAbi, name: "ChangeScheduled" }),
  getAbiItem({ abi: riskOracleAbi, name: "ChangeExecuted" }),
  getAbiItem({ abi: riskOracleAbi, name: "ChangeCancelled" }),
] as const;

export type ListOracleChangesParameters = {
  publicClient: PublicClient;
  oracle: Address;
  /** The oracle's deployment block: no change can be older. */
  fromBlock: bigint;
};

export type PendingOracleChange = {
  changeId: Hex;
  /** The scheduled call, what `executeChange` takes. */
  data: Hex;
  change: OracleChange;
  /** Unix seconds from which it can be executed. */
  readyAt: number;
  /** Whether the latest block is at or past readyAt. */
  ready: boolean;
};

export type ListOracleChangesReturnType = PendingOracleChange[];

/**
 * The changes scheduled on RiskOracle and neither executed nor cancelled yet, oldest first, read
 * from its events (the contract stores only each change's readyAt, not its call). The same call
 * may be scheduled again once executed, so the events are replayed in chain order.
 */
export async function listOracleChanges({
  publicClient,
  oracle,
  fromBlock,
}: ListOracleChangesParameters): Promise<ListOracleChangesReturnType> {
  const [logs, latest] = await Promise.all([
    publicClient.getLogs({
      address: oracle,
      events: CHANGE_EVENTS,
      fromBlock,
      toBlock: "latest",
      strict: true,
    }),
    publicClient.getBlock({ blockTag: "latest" }),
  ]);
  const pending = new Map<Hex, { data: Hex; readyAt: number }>();
  for (const log of logs) {
    if (log.eventName === "ChangeScheduled")
      pending.set(log.args.changeId, { data: log.args.data, readyAt: Number(log.args.readyAt) });
    else if (log.eventName === "ChangeExecuted" || log.eventName === "ChangeCancelled")
      pending.delete(log.args.changeId);
  }
  const now = Number(latest.timestamp);
  return [...pending].map(([changeId, { data, readyAt }]) => ({
    changeId,
    data,
    change: decodeOracleChange(data),
    readyAt,
    ready: now >= readyAt,
  }));
}
