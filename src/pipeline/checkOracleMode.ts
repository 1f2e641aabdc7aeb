import type { Address, PublicClient } from "viem";
import { riskOracleAbi } from "../chain/index.js";
import { PipelineError } from "./errors.js";

export type CheckOracleModeParameters = {
  publicClient: PublicClient;
  oracle: Address;
  nodeEnv: string;
};
export type CheckOracleModeReturnType = { developmentMode: boolean };

/**
 * Refuses, in production, a RiskOracle deployed in development mode. Such an oracle accepts a
 * model without a verifier, so its reports carry no on-chain proof check: a production poster
 * must not feed it, and the flag is immutable, so the only remedy is another deployment.
 */
export async function checkOracleMode({
  publicClient,
  oracle,
  nodeEnv,
}: CheckOracleModeParameters): Promise<CheckOracleModeReturnType> {
  const developmentMode = await publicClient.readContract({
    address: oracle,
    abi: riskOracleAbi,
    functionName: "developmentMode",
  });
  if (developmentMode && nodeEnv === "production") {
    throw new PipelineError(
      "PIPELINE_ORACLE_DEVELOPMENT_MODE",
      `RiskOracle ${oracle} was deployed in development mode, which NODE_ENV=production refuses`,
      {
        details:
          "Deploy RiskOracle with a verifier (`cli deploy` with the circuit's generated verifier) and set ORACLE_ADDRESS to it",
      },
    );
  }
  return { developmentMode };
}
