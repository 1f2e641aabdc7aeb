import { encodeFunctionData, getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import { invalidOracleChange } from "./invalidOracleChange.js";
import { riskOracleAbi } from "./abi/riskOracle.js";

/**
 * The calls RiskOracle accepts only through `scheduleChange` → `executeChange` (after its
 * immutable `adminDelay`): the attester set, the threshold, the accepted models and a heartbeat
 * raise (a lower heartbeat is the owner's direct call: it only refuses more).
 */
export type OracleChange =
  | { kind: "addAttester"; attester: Address }
  | { kind: "removeAttester"; attester: Address }
  | { kind: "setThreshold"; threshold: number }
  | { kind: "setHeartbeat"; heartbeatSeconds: number }
  | {
      kind: "acceptModel";
      modelHash: Hex;
      verifier: Address;
      vkHash: Hex;
      settingsHash: Hex;
      outScale: number;
      logrows: number;
    };

/** The inner call a change schedules: what `scheduleChange(data)` and `executeChange(data)` take. */
export function encodeOracleChange(change: OracleChange): Hex {
  switch (change.kind) {
    case "addAttester":
    case "removeAttester":
      return encodeFunctionData({
        abi: riskOracleAbi,
        functionName: change.kind,
        args: [checkedAddress(change.attester)],
      });
    case "setThreshold":
      if (!Number.isInteger(change.threshold) || change.threshold < 1 || change.threshold > 255)
        throw invalidOracleChange(
          `threshold must be an integer in 1..255, got ${change.threshold}`,
        );
      return encodeFunctionData({
        abi: riskOracleAbi,
        functionName: "setThreshold",
        args: [change.threshold],
      });
    case "setHeartbeat":
      if (
        !Number.isInteger(change.heartbeatSeconds) ||
        change.heartbeatSeconds < 1 ||
        change.heartbeatSeconds > 0xffffffff
      )
        throw invalidOracleChange(
          `heartbeat must be an integer number of seconds in 1..2^32-1, got ${change.heartbeatSeconds}`,
        );
      return encodeFunctionData({
        abi: riskOracleAbi,
        functionName: "setHeartbeat",
        args: [change.heartbeatSeconds],
      });
    case "acceptModel":
      for (const [name, value] of [
        ["modelHash", change.modelHash],
        ["vkHash", change.vkHash],
        ["settingsHash", change.settingsHash],
      ] as const)
        if (!isHex(value) || value.length !== 66)
          throw invalidOracleChange(`${name} must be 32 bytes of hex`);
      return encodeFunctionData({
        abi: riskOracleAbi,
        functionName: "acceptModel",
        args: [
          change.modelHash,
          checkedAddress(change.verifier),
          change.vkHash,
          change.settingsHash,
          change.outScale,
          change.logrows,
        ],
      });
  }
}

function checkedAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) throw invalidOracleChange(`${value} is not an address`);
  return getAddress(value);
}
