import { decodeFunctionData, type Hex } from "viem";
import { invalidOracleChange } from "./invalidOracleChange.js";
import { riskOracleAbi } from "./abi/riskOracle.js";
import type { OracleChange } from "./encodeOracleChange.js";

/** The change a scheduled call stands for, as the contract's `ChangeScheduled` event carries it. */
export function decodeOracleChange(data: Hex): OracleChange {
  let call: ReturnType<typeof decodeFunctionData<typeof riskOracleAbi>>;
  try {
    call = decodeFunctionData({ abi: riskOracleAbi, data });
  } catch (error) {
    throw invalidOracleChange("the scheduled data is not a call of RiskOracle", error);
  }
  switch (call.functionName) {
    case "addAttester":
    case "removeAttester":
      return { kind: call.functionName, attester: call.args[0] };
    case "setThreshold":
      return { kind: "setThreshold", threshold: call.args[0] };
    case "setHeartbeat":
      return { kind: "setHeartbeat", heartbeatSeconds: call.args[0] };
    case "acceptModel": {
      const [modelHash, verifier, vkHash, settingsHash, outScale, logrows] = call.args;
      return { kind: "acceptModel", modelHash, verifier, vkHash, settingsHash, outScale, logrows };
    }
    default:
      throw invalidOracleChange(`${call.functionName} is not a delayed change`);
  }
}
