import type { Address, Hex } from "viem";
import type { OracleChange } from "./encodeOracleChange.js";
import type { VerifierManifest } from "./loadCircuitVerifier.js";

export type AcceptModelChangeParameters = {
  modelHash: Hex;
  /** Where the circuit's verifier is deployed. */
  verifier: Address;
  /** The circuit's committed verifier manifest: the vk and settings RiskOracle pins. */
  manifest: VerifierManifest;
};

/** The pin of a model with its circuit, as RiskOracle's constructor and `acceptModel` take it. */
export function acceptModelChange({
  modelHash,
  verifier,
  manifest,
}: AcceptModelChangeParameters): Extract<OracleChange, { kind: "acceptModel" }> {
  return {
    kind: "acceptModel",
    modelHash,
    verifier,
    vkHash: `0x${manifest.vkSha256}`,
    settingsHash: `0x${manifest.settingsSha256}`,
    outScale: manifest.outScale,
    logrows: manifest.logrows,
  };
}
