import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sha256Hex } from "../proving/index.js";
import { OracleError } from "../report/errors.js";
import type { PinnedCircuit } from "../report/pinnedCircuit.js";

export type CompiledContract = { contract: string; bytecode: `0x${string}`; deployedBytes: number };

/** contracts/generated/<circuit>/verifier.json, written by `npm run contracts:verifier`. */
export type VerifierManifest = {
  format: "beacon-risk-oracle/verifier@1";
  circuit: string;
  compiledSha256: string;
  settingsSha256: string;
  /** sha256 of vk.key: what RiskOracle and the attesters pin. */
  vkSha256: string;
  logrows: number;
  outScale: number;
  /** The SRS the vk was made with; `development` marks the insecure known-secret SRS. */
  srs: { k: number; sha256: string; development: boolean };
  solc: string;
  compilerSettings: { optimizer: { enabled: boolean; runs: number }; evmVersion: string };
  /** true: `verifier` is ezkl's reusable verifier and `vka` the circuit's verifying-key artifact. */
  reusable: boolean;
  verifier: CompiledContract;
  vka?: CompiledContract;
};

export type LoadCircuitVerifierParameters = {
  /** The circuit directory (circuits/<name>). */
  circuitDir: string;
  /** Where generated verifiers live (default contracts/generated). */
  generatedDir?: string;
  /** sha256 of the SRS the provers use, when known: the verifier must be made for it. */
  srsSha256?: string;
};
export type LoadCircuitVerifierReturnType = { manifest: VerifierManifest; pinned: PinnedCircuit };

/**
 * The committed verifier of a circuit and the pin it stands for, refusing one that no longer
 * matches the circuit (a retrained model) or the SRS the provers use (a ceremony SRS): either means
 * `npm run contracts:verifier` must run again.
 */
export function loadCircuitVerifier({
  circuitDir,
  generatedDir = path.join("contracts", "generated"),
  srsSha256,
}: LoadCircuitVerifierParameters): LoadCircuitVerifierReturnType {
  const name = path.basename(path.resolve(circuitDir));
  const file = path.join(generatedDir, name, "verifier.json");
  const stale = (why: string) =>
    new OracleError("ORACLE_INVALID_ARTIFACTS", `No usable verifier for circuit ${name}: ${why}`, {
      details: "run: npm run contracts:verifier",
      retryable: false,
    });
  if (!existsSync(file)) throw stale(`${file} is missing`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as VerifierManifest;
  if (manifest.format !== "beacon-risk-oracle/verifier@1")
    throw stale(`unknown format ${String(manifest.format)}`);
  if (manifest.compiledSha256 !== sha256Hex(readFileSync(path.join(circuitDir, "model.compiled"))))
    throw stale("the compiled circuit changed since it was generated");
  if (
    manifest.settingsSha256 !==
    sha256Hex(readFileSync(path.join(circuitDir, "settings.json"), "utf8"))
  )
    throw stale("the circuit settings changed since it was generated");
  if (srsSha256 !== undefined && manifest.srs.sha256 !== srsSha256)
    throw stale("it was generated for another SRS");
  return {
    manifest,
    pinned: {
      vkHash: manifest.vkSha256,
      settingsHash: manifest.settingsSha256,
      outScale: manifest.outScale,
      logrows: manifest.logrows,
    },
  };
}
