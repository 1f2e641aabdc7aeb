import type { RefusalCode } from "../report/errors.js";

export type CheckValidUntilParameters = {
  validUntil: bigint;
  /** Start time of the report's epoch on the oracle's clock (`epochTime(epoch)`). */
  epochStart: bigint;
  /** The chain's time now (latest block timestamp): what RiskOracle compares `validUntil` with. */
  now: bigint;
  /** This attester's REPORT_VALIDITY_SECONDS. */
  validitySeconds: number;
};

export type CheckValidUntilReturnType =
  | { code: RefusalCode; message: string; details?: string }
  | undefined;

/**
 * Whether an attester may sign the `validUntil` a poster proposes: no later than its own window
 * after the epoch's start (a signature is public and could be posted by anyone until then), and
 * not already past (RiskOracle would refuse it anyway). Returns the refusal, or undefined.
 */
export function checkValidUntil({
  validUntil,
  epochStart,
  now,
  validitySeconds,
}: CheckValidUntilParameters): CheckValidUntilReturnType {
  const latest = epochStart + BigInt(validitySeconds);
  if (validUntil > latest) {
    return {
      code: "VALIDITY_OUT_OF_WINDOW",
      message: `validUntil ${validUntil} is later than ${validitySeconds} s after the epoch's start`,
      details: `latest accepted ${latest}`,
    };
  }
  if (validUntil <= now)
    return {
      code: "VALIDITY_OUT_OF_WINDOW",
      message: `validUntil ${validUntil} has passed`,
      details: `chain time ${now}`,
    };
  return undefined;
}
