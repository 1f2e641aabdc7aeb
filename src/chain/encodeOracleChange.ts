import { encodeFunctionData, getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import { invalidOracleChange } from "./invalidOracleChange.js";
import { riskOracleAbi } from "./abi/riskOracle.js";

/**
 * The calls RiskOracle accepts only through `scheduleChange` → `executeChange` (after its
 * immutable `adminDelay`): the attester set, the threshold and the accepted models.
 */
export type OracleChange =
  | { kind: "addAttester"; attester: Address }
  | { kind: "removeAttester"; attester: Address }
  | { kind: "setThreshold"; threshold: number }
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
