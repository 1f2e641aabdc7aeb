import { FIELD_MODULUS } from "./constants.js";
import { InvalidReportError } from "./errors.js";

/**
 * ezkl's JSON instances (proveBatch's `instances`, a proof file's `instances[0]`): 64 hex chars of
 * each field element's little-endian bytes, optionally 0x-prefixed. Returns the integers the EVM
 * verifier and RiskOracle take as `uint256[] instances`, in the same order.
 */
export function instancesFromEzkl(instances: readonly string[]): bigint[] {
  return instances.map((hex, i) => {
    const clean = hex.startsWith("0x") ? hex.slice(2) : hex;
    if (!/^[0-9a-fA-F]{64}$/.test(clean))
      throw new InvalidReportError("Public instance is not a 32-byte field element", {
        details: `instance ${i}: ${hex}`,
      });
    let v = 0n;
    for (let b = 31; b >= 0; b--)
      v = (v << 8n) | BigInt(Number.parseInt(clean.slice(2 * b, 2 * b + 2), 16));
    if (v >= FIELD_MODULUS)
      throw new InvalidReportError("Public instance is not below the BN254 scalar field modulus", {
        details: `instance ${i}: ${hex}`,
      });
    return v;
  });
}
