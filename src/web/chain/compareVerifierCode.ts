import { hexToBytes, keccak256, pad, type Address, type Hex, type PublicClient } from "viem";
import { reusableVerifierAdapterAbi } from "../../chain/abi/reusableVerifierAdapter.js";
import type { Check, VerifierCode } from "../verify/verdict.js";

const RAN = "the verifier run in this browser";

export type CompareVerifierCodeParameters = {
  client: PublicClient;
  /** The verifier RiskOracle pins for the model (for a reusable verifier, the adapter). */
  pinned: Address;
  /** The code the page ran as the circuit's verifier. */
  code: VerifierCode;
};

/**
 * Whether the verifier RiskOracle pins is, on chain, the code the page ran. A plain verifier: its
 * code. A reusable one: the pinned contract must be ReusableVerifierAdapter's code bound to two
 * addresses (the page's adapter with those addresses in the places of its own, so a contract that
 * merely answers the getters fails), the reusable verifier there must be the page's, and the
 * verifying-key artifact there must be the page's pinned one.
 */
export async function compareVerifierCode({
  client,
  pinned,
  code,
}: CompareVerifierCodeParameters): Promise<Check[]> {
  const codeAt = async (address: Address) => {
    const bytes = await client.getCode({ address });
    return bytes ? keccak256(bytes) : null;
  };
  const same = (name: string, address: Address, onchain: Hex | null, ran: Hex, what: string) => ({
    name,
    ok: onchain === ran,
    detail: `keccak256 of the code at ${address}: ${onchain ?? "no code"}; of ${what}: ${ran}`,
  });
  if (code.kind === "plain")
    return [same("Verifier code", pinned, await codeAt(pinned), code.codeHash, RAN)];

  const read = (functionName: "reusableVerifier" | "verifyingKey") =>
    client.readContract({ address: pinned, abi: reusableVerifierAdapterAbi, functionName });
  let verifier: Address;
  let vka: Address;
  try {
    [verifier, vka] = await Promise.all([read("reusableVerifier"), read("verifyingKey")]);
  } catch (error) {
    return [
      {
        name: "Verifier adapter",
        ok: false,
        detail: `the pinned verifier ${pinned} does not answer ReusableVerifierAdapter's reusableVerifier() and verifyingKey() (${error instanceof Error ? error.message.split("\n")[0] : String(error)}), while this circuit's verifier is the reusable kind`,
      },
    ];
  }
  const expected = hexToBytes(code.adapter.template);
  for (const [address, offsets] of [
    [verifier, code.adapter.reusableVerifierAt],
    [vka, code.adapter.verifyingKeyAt],
  ] as const)
    for (const at of offsets) expected.set(hexToBytes(pad(address, { size: 32 })), at);
  return [
    same(
      "Verifier adapter",
      pinned,
      await codeAt(pinned),
      keccak256(expected),
      `the adapter run in this browser, bound to ${verifier} and ${vka}`,
    ),
    same("Verifier code", verifier, await codeAt(verifier), code.codeHash, RAN),
    same(
      "Verifying key artifact",
      vka,
      await codeAt(vka),
      code.vkaCodeHash,
      "the verifying-key artifact run in this browser",
    ),
  ];
}
