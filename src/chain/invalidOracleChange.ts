import { OracleError } from "../report/errors.js";

/** A change that cannot be encoded, or scheduled data that is not a change RiskOracle delays. */
export function invalidOracleChange(details: string, cause?: unknown) {
  return new OracleError("ORACLE_ADMIN_CHANGE", "Invalid admin change", {
    details,
    cause,
    meta: { changeId: "", reason: "invalid" },
  });
}
