import { encodeFunctionData, keccak256, type Address, type Hex } from "viem";
import { OracleError } from "../report/errors.js";
import { riskOracleAbi } from "./abi/riskOracle.js";
import { encodeOracleChange, type OracleChange } from "./encodeOracleChange.js";
import type { PendingOracleChange } from "./listOracleChanges.js";

export type PlanOracleAdminCallParameters = {
  oracle: Address;
  /** The changes pending on the oracle now, with readiness at the latest block (`listOracleChanges`). */
  pending: readonly PendingOracleChange[];
} & (
  | { action: "schedule"; change: OracleChange }
  | { action: "execute" | "cancel"; changeId: Hex }
);

/** The transaction the oracle's owner signs: RiskOracle, no value. */
export type PlanOracleAdminCallReturnType = {
  action: "schedule" | "execute" | "cancel";
  to: Address;
  data: Hex;
  value: "0";
  changeId: Hex;
  change: OracleChange;
  /** For execute and cancel: when the change became or becomes executable. */
  readyAt?: number;
};

/**
 * The owner's transaction for one step of a delayed change. The project never holds the owner's
 * key (production refuses an owner equal to the poster, and the owner is meant to be a multisig),
 * so it prepares the call for the owner to sign instead of sending it, and refuses up front what
 * the contract would revert: scheduling a change already pending, executing one not scheduled
 * or not ready yet, cancelling one not pending.
 */
export function planOracleAdminCall(
  p: PlanOracleAdminCallParameters,
): PlanOracleAdminCallReturnType {
  if (p.action === "schedule") {
    const inner = encodeOracleChange(p.change);
    const changeId = keccak256(inner);
    const already = p.pending.find((c) => c.changeId === changeId);
    if (already)
      throw new OracleError("ORACLE_ADMIN_CHANGE", "Change already scheduled", {
        details: `${changeId} is pending, executable from ${new Date(already.readyAt * 1000).toISOString()}`,
        meta: { changeId, reason: "invalid", readyAt: already.readyAt },
      });
    return {
      action: "schedule",
      to: p.oracle,
      data: encodeFunctionData({
        abi: riskOracleAbi,
        functionName: "scheduleChange",
        args: [inner],
      }),
      value: "0",
      changeId,
      change: p.change,
    };
  }
  const { changeId } = p;
  const pending = p.pending.find((c) => c.changeId.toLowerCase() === changeId.toLowerCase());
  if (!pending)
    throw new OracleError("ORACLE_ADMIN_CHANGE", "Change not scheduled", {
      details: `no pending change ${changeId} on ${p.oracle} (executed, cancelled or never scheduled)`,
      meta: { changeId, reason: "not_scheduled" },
    });
  if (p.action === "execute" && !pending.ready)
    throw new OracleError("ORACLE_ADMIN_CHANGE", "Change not ready", {
      details: `${changeId} is executable from ${new Date(pending.readyAt * 1000).toISOString()}`,
      meta: { changeId, reason: "not_ready", readyAt: pending.readyAt },
    });
  return {
    action: p.action,
    to: p.oracle,
    data:
      p.action === "execute"
        ? encodeFunctionData({
            abi: riskOracleAbi,
            functionName: "executeChange",
            args: [pending.data],
          })
        : encodeFunctionData({
            abi: riskOracleAbi,
            functionName: "cancelChange",
            args: [pending.changeId],
          }),
    value: "0",
    changeId: pending.changeId,
    change: pending.change,
    readyAt: pending.readyAt,
  };
}
