import { zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { riskOracleAbi } from "./abi/riskOracle.js";
import type { PinnedCircuit } from "../report/pinnedCircuit.js";

export type ReadModelPinParameters = {
  publicClient: PublicClient;
  oracle: Address;
  modelHash: Hex;
};
/** null when the model is not (or no longer) accepted. */
export type ReadModelPinReturnType = (PinnedCircuit & { verifier: Address | null }) | null;

/** The circuit RiskOracle pins for an accepted model hash. */
export async function readModelPin({
  publicClient,
  oracle,
  modelHash,
}: ReadModelPinParameters): Promise<ReadModelPinReturnType> {
  const pin = await publicClient.readContract({
    address: oracle,
    abi: riskOracleAbi,
    functionName: "modelPin",
    args: [modelHash],
  });
  if (!pin.accepted) return null;
  return {
    vkHash: pin.vkHash.slice(2),
    settingsHash: pin.settingsHash.slice(2),
    outScale: pin.outScale,
    logrows: pin.logrows,
    verifier: pin.verifier === zeroAddress ? null : pin.verifier,
  };
}
