import type { Hex, LocalAccount } from "viem";
import { getReportDomain } from "./getReportDomain.js";
import { reportTypes } from "./reportTypes.js";
import type { Report, ReportTarget } from "./types.js";

export type SignReportParameters = ReportTarget & {
  /** The attester's account (e.g. `privateKeyToAccount(key)`); the key never leaves it. */
  account: LocalAccount;
  report: Report;
};

/** An attester's EIP-712 signature of a report (65 bytes r ‖ s ‖ v, low s). */
export async function signReport({
  account,
  report,
  chainId,
  oracle,
}: SignReportParameters): Promise<Hex> {
  return account.signTypedData({
    domain: getReportDomain({ chainId, oracle }),
    types: reportTypes,
    primaryType: "Report",
    message: report,
  });
}
