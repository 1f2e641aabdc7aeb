import { bytesToHex, type Hex } from "viem";
import { InvalidArtifactsError } from "./errors.js";

/**
 * The proof bytes inside an ezkl proof JSON (its `proof` byte array): what ezkl's EVM verifier
 * takes as `proof`, and what a report's `proofHash` is the keccak256 of.
 */
export function rawProof(proofJson: Uint8Array): Hex {
  let parsed: { proof?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(proofJson)) as { proof?: unknown };
  } catch (cause) {
    throw new InvalidArtifactsError("Proof is not an ezkl proof JSON", { cause });
  }
  const bytes = parsed.proof;
  if (
    !Array.isArray(bytes) ||
    bytes.length === 0 ||
    bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)
  ) {
    throw new InvalidArtifactsError("Proof JSON has no proof byte array");
  }
  return bytesToHex(Uint8Array.from(bytes as number[]));
}
