import { bytesToHex, hexToBytes, pad, type Address, type Hex } from "viem";

export type AdapterTemplateParameters = {
  /** The runtime code of a ReusableVerifierAdapter deployed with the two addresses below. */
  code: Uint8Array;
  reusableVerifier: Address;
  verifyingKey: Address;
};
/** null when an address is not in the code: then it is not an adapter bound to them. */
export type AdapterTemplateReturnType = {
  template: Hex;
  reusableVerifierAt: number[];
  verifyingKeyAt: number[];
} | null;

/**
 * The adapter's runtime code with the addresses it binds zeroed, and where each sat. solc writes an
 * immutable address into the runtime code as a left-padded 32-byte word at each place it is read,
 * so an adapter deployed on chain with other addresses has this code with its own words there.
 */
export function adapterTemplate({
  code,
  reusableVerifier,
  verifyingKey,
}: AdapterTemplateParameters): AdapterTemplateReturnType {
  const template = Uint8Array.from(code);
  const cut = (address: Address): number[] => {
    const word = hexToBytes(pad(address, { size: 32 }));
    const at: number[] = [];
    for (let i = 0; i + 32 <= code.length; i++)
      if (word.every((b, j) => code[i + j] === b)) at.push(i);
    for (const i of at) template.fill(0, i, i + 32);
    return at;
  };
  const reusableVerifierAt = cut(reusableVerifier);
  const verifyingKeyAt = cut(verifyingKey);
  if (reusableVerifierAt.length === 0 || verifyingKeyAt.length === 0) return null;
  return { template: bytesToHex(template), reusableVerifierAt, verifyingKeyAt };
}
