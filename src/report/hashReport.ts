import { hashTypedData, type Hex } from "viem";
import { getReportDomain } from "./getReportDomain.js";
import { reportTypes } from "./reportTypes.js";
import type { Report, ReportTarget } from "./types.js";

export type HashReportParameters = ReportTarget & { report: Report };

/** The EIP-712 digest attesters sign; equal to `RiskOracle.hashReport(report)` and the key of `reportIdOf`. */
export function hashReport({ report, chainId, oracle }: HashReportParameters): Hex {
  return hashTypedData({
    domain: getReportDomain({ chainId, oracle }),
    types: reportTypes,
    primaryType: "Report",
    message: report,
  });
}
