import { isAddress, type Address } from "viem";
import { loadCircuitVerifier, type VerifierManifest } from "../chain/index.js";
import { PipelineError } from "./errors.js";

// Hardhat's account #9: outside production the owner defaults to a key that is not the poster's.
const DEVELOPMENT_OWNER = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

export type PlanOracleDeploymentParameters = {
  /** The circuit whose generated verifier RiskOracle pins. */
  circuitDir: string;
  /** No verifier: RiskOracle accepts reports on signatures alone (local only). */
  development: boolean;
  nodeEnv: string;
  /** RiskOracle's owner (--owner); empty or absent for the default outside production. */
  owner?: string;
  /** sha256 of the SRS the provers use (EZKL_SRS_PATH), which the verifier must have been generated for. */
  srsSha256?: string;
};

export type PlanOracleDeploymentReturnType = { owner: Address; verifier?: VerifierManifest };

/** What `cli deploy` deploys: the owner and the circuit's verifier, or refuses a deployment that is unsafe where it runs. */
export function planOracleDeployment({
  circuitDir,
  development,
  nodeEnv,
  owner,
  srsSha256,
}: PlanOracleDeploymentParameters): PlanOracleDeploymentReturnType {
  // Without a verifier RiskOracle accepts reports unchecked: never in production.
  if (development && nodeEnv === "production")
    throw new PipelineError(
      "PIPELINE_DEPLOY_REFUSED",
      "deploy --development (no verifier) is refused with NODE_ENV=production",
    );
  const verifier = development
    ? undefined
    : loadCircuitVerifier({ circuitDir, srsSha256 }).manifest;
  const chosen = owner || (nodeEnv === "production" ? "" : DEVELOPMENT_OWNER);
  if (!isAddress(chosen))
    throw new PipelineError(
      "PIPELINE_DEPLOY_REFUSED",
      "--owner must be the address of RiskOracle's owner (not the poster key)",
    );
  return { owner: chosen, verifier };
}
