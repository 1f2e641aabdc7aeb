import { generateDevSrs } from "./generateDevSrs.js";
import { InsecureSrsError } from "./errors.js";

export type ResolveSrsPathParameters = {
  /** EZKL_SRS_PATH: the ceremony SRS file; empty for none. */
  configured: string;
  k: number;
  nodeEnv?: string;
};

/**
 * The SRS file to prove or verify with: the configured ceremony file (loadSrs checks its k), or,
 * outside production only, an insecure development SRS for k (generated once, with a loud warning).
 */
export async function resolveSrsPath({
  configured,
  k,
  nodeEnv,
}: ResolveSrsPathParameters): Promise<string> {
  if (configured) return configured;
  if (nodeEnv === "production")
    throw new InsecureSrsError(
      "EZKL_SRS_PATH is required in production (a public powers-of-tau ceremony SRS)",
    );
  return (await generateDevSrs({ k, nodeEnv })).path;
}
