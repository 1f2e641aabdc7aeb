import { Common, Mainnet } from "@ethereumjs/common";
import { createEVM, type EVM } from "@ethereumjs/evm";
import { createAddressFromString, type Address } from "@ethereumjs/util";
import {
  bytesToHex,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  hexToBytes,
  keccak256,
  type Hex,
} from "viem";
import {
  reusableVerifierAdapterAbi,
  reusableVerifierAdapterBytecode,
} from "../../chain/abi/reusableVerifierAdapter.js";
import { instancesFromEzkl } from "../../report/instancesFromEzkl.js";
import { rawProof } from "../../report/rawProof.js";
import { adapterTemplate } from "./adapterTemplate.js";
import type { VerifierCode } from "./verdict.js";

/**
 * The fields of contracts/generated/<circuit>/verifier.json this check reads (the whole manifest is
 * src/chain's VerifierManifest; that module reads files, so its type is not imported here).
 */
export type EvmVerifierManifest = {
  format: string;
  circuit: string;
  /** sha256 (hex) of the circuit's vk.key and settings.json: what RiskOracle pins. */
  vkSha256: string;
  settingsSha256: string;
  compilerSettings: { evmVersion: string };
  reusable: boolean;
  verifier: { bytecode: Hex };
  /** The circuit's verifying-key artifact, deployed beside a reusable verifier. */
  vka?: { bytecode: Hex };
};

export type VerifyWithEvmCode =
  /** The manifest is not the verifier of the circuit the artifacts' vk and settings belong to. */
  | "EVM_VERIFIER_NOT_PINNED"
  /** The manifest cannot be run here (unknown format or EVM version, a reusable verifier without its VKA). */
  | "EVM_VERIFIER_UNSUPPORTED"
  /** The proof JSON or its instances are malformed: nothing was run. */
  | "EVM_PROOF_MALFORMED"
  /** The verifier's creation code (or the VKA's, or the adapter's) did not deploy. */
  | "EVM_DEPLOY_FAILED"
  /** The verifier ran and rejected the proof (reverted or returned false). */
  | "EVM_PROOF_REJECTED";

export type VerifyWithEvmParameters = {
  manifest: EvmVerifierManifest;
  /** The ezkl proof JSON (its `proof` byte array is what the verifier takes). */
  proofJson: Uint8Array;
  /** The public instances as ezkl writes them: little-endian hex field elements. */
  instances: readonly string[];
  /** The artifacts' vk.key and settings.json bytes: their sha256 must be the manifest's. */
  vk: Uint8Array;
  settings: Uint8Array;
  onProgress?: (step: string) => void;
  /** Gas for each deployment and for the call (a proof of the committed circuit takes about 1.07 M). */
  gasLimit?: bigint;
};

/** `verifierCode` is what the on-chain check compares with RiskOracle's pinned verifier (null if none deployed). */
export type VerifyWithEvmReturnType =
  | { valid: true; gasUsed: bigint; verifierCode: VerifierCode }
  | {
      valid: false;
      code: VerifyWithEvmCode;
      reason: string;
      gasUsed: bigint | null;
      verifierCode: VerifierCode | null;
    };

const VERIFY_PROOF_ABI = [
  {
    type: "function",
    name: "verifyProof",
    stateMutability: "view",
    inputs: [
      { name: "proof", type: "bytes" },
      { name: "instances", type: "uint256[]" },
    ],
    outputs: [{ name: "", type: "bool" }],
  },
] as const;
const MANIFEST_FORMAT = "beacon-risk-oracle/verifier@1";
/** The evmVersion src/chain's ReusableVerifierAdapter is compiled for (scripts/buildContracts.ts). */
const ADAPTER_EVM_VERSION = "cancun";
// Any address works: the in-page chain starts empty and the calls carry no value and no gas price.
const CALLER = createAddressFromString("0x00000000000000000000000000000000000000c0");

/**
 * Verifies an ezkl proof the way RiskOracle does: deploys the circuit's generated Halo2 verifier
 * (the plain one, or the reusable one with the circuit's verifying-key artifact behind
 * ReusableVerifierAdapter) in a pure-JavaScript EVM (@ethereumjs/evm, BN254 precompiles from
 * @noble/curves) and calls `verifyProof(proof, instances)`. Runs in a browser worker and in Node
 * alike; it exists because @ezkljs/engine cannot verify proofs of the native prover, while the
 * Solidity verifier checks both. The manifest must be the pinned one for the artifacts' circuit
 * (sha256 of vk and settings) before anything runs; the returned code is what the code of the
 * verifier RiskOracle pins must equal.
 */
export async function verifyWithEvm({
  manifest,
  proofJson,
  instances,
  vk,
  settings,
  onProgress = () => {},
  gasLimit = 30_000_000n,
}: VerifyWithEvmParameters): Promise<VerifyWithEvmReturnType> {
  const refuse = (
    code: VerifyWithEvmCode,
    reason: string,
    gasUsed: bigint | null = null,
    verifierCode: VerifierCode | null = null,
  ): VerifyWithEvmReturnType => ({ valid: false, code, reason, gasUsed, verifierCode });

  if (manifest?.format !== MANIFEST_FORMAT)
    return refuse(
      "EVM_VERIFIER_UNSUPPORTED",
      `not a verifier manifest (format ${JSON.stringify(manifest?.format)})`,
    );
  const [vkHash, settingsHash] = await Promise.all([sha256Hex(vk), sha256Hex(settings)]);
  if (vkHash !== manifest.vkSha256 || settingsHash !== manifest.settingsSha256) {
    return refuse(
      "EVM_VERIFIER_NOT_PINNED",
      `the verifier of circuit ${manifest.circuit} pins vk ${manifest.vkSha256} and settings ${manifest.settingsSha256}; the proof's circuit has vk ${vkHash} and settings ${settingsHash}`,
    );
  }
  // A reusable verifier cannot run without the circuit's verifying-key artifact beside it.
  if (manifest.reusable && !manifest.vka)
    return refuse(
      "EVM_VERIFIER_UNSUPPORTED",
      `circuit ${manifest.circuit} has a reusable verifier but its manifest carries no verifying-key artifact`,
    );

  let calldata: Hex;
  try {
    calldata = encodeFunctionData({
      abi: VERIFY_PROOF_ABI,
      functionName: "verifyProof",
      args: [rawProof(proofJson), instancesFromEzkl(instances)],
    });
  } catch (error) {
    return refuse("EVM_PROOF_MALFORMED", error instanceof Error ? error.message : String(error));
  }

  let evm: EVM;
  try {
    // The hardfork the verifier was compiled for (solc's evmVersion names are the hardforks'); the
    // adapter is compiled for cancun (scripts/buildContracts.ts), which then sets the floor.
    const common = new Common({ chain: Mainnet, hardfork: manifest.compilerSettings.evmVersion });
    if (manifest.reusable && !common.gteHardfork(ADAPTER_EVM_VERSION))
      common.setHardfork(ADAPTER_EVM_VERSION);
    evm = await createEVM({ common });
  } catch (error) {
    return refuse(
      "EVM_VERIFIER_UNSUPPORTED",
      `EVM version ${manifest.compilerSettings.evmVersion}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const deploy = async (what: string, bytecode: Hex) => {
    const deployed = await evm.runCall({ caller: CALLER, data: hexToBytes(bytecode), gasLimit });
    const address = deployed.createdAddress;
    if (deployed.execResult.exceptionError || !address)
      throw new Error(
        `the ${what}'s creation code failed (${deployed.execResult.exceptionError?.error ?? "no address"})`,
      );
    return { address, code: await evm.stateManager.getCode(address) };
  };

  // The page deploys what src/chain's deployVerifier deploys and calls what RiskOracle calls: the
  // plain verifier, or ReusableVerifierAdapter bound to the reusable verifier and the pinned VKA
  // (from this manifest, which the sha256 check above tied to the proof's circuit). Running the
  // adapter too, rather than calling the reusable verifier with the VKA directly, keeps the call
  // path and the code to compare with the chain exactly RiskOracle's.
  onProgress(
    manifest.reusable
      ? "Deploying the circuit's reusable verifier, verifying-key artifact and adapter in the in-page EVM"
      : "Deploying the circuit's verifier in the in-page EVM",
  );
  let target: Address;
  let code: VerifierCode;
  try {
    const verifier = await deploy("verifier", manifest.verifier.bytecode);
    const codeHash = keccak256(verifier.code);
    target = verifier.address;
    code = { kind: "plain", codeHash };
    if (manifest.vka && manifest.reusable) {
      const vka = await deploy("verifying-key artifact", manifest.vka.bytecode);
      const args = [verifier.address.toString(), vka.address.toString()] as const;
      const adapter = await deploy(
        "adapter",
        encodeDeployData({
          abi: reusableVerifierAdapterAbi,
          bytecode: reusableVerifierAdapterBytecode,
          args,
        }),
      );
      const bound = adapterTemplate({
        code: adapter.code,
        reusableVerifier: args[0],
        verifyingKey: args[1],
      });
      if (!bound) throw new Error("the adapter's code does not hold the addresses it binds");
      target = adapter.address;
      code = { kind: "reusable", codeHash, vkaCodeHash: keccak256(vka.code), adapter: bound };
    }
  } catch (error) {
    return refuse("EVM_DEPLOY_FAILED", error instanceof Error ? error.message : String(error));
  }

  onProgress("Running verifyProof on the proof and its public instances");
  const call = await evm.runCall({
    caller: CALLER,
    to: target,
    data: hexToBytes(calldata),
    gasLimit,
  });
  const gasUsed = call.execResult.executionGasUsed;
  if (call.execResult.exceptionError)
    return refuse(
      "EVM_PROOF_REJECTED",
      `the verifier reverted (${call.execResult.exceptionError.error}): a public value or the proof was altered, or it is for another circuit`,
      gasUsed,
      code,
    );
  let valid: boolean;
  try {
    valid = decodeFunctionResult({
      abi: VERIFY_PROOF_ABI,
      functionName: "verifyProof",
      data: bytesToHex(call.execResult.returnValue),
    });
  } catch {
    valid = false;
  }
  if (!valid) return refuse("EVM_PROOF_REJECTED", "the verifier returned false", gasUsed, code);
  return { valid: true, gasUsed, verifierCode: code };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
