import type { ReportTarget } from "./types.js";
import { REPORT_DOMAIN_NAME, REPORT_DOMAIN_VERSION } from "./reportTypes.js";

export type GetReportDomainParameters = ReportTarget;

/** The EIP-712 domain of one RiskOracle deployment: chain id and address make signatures unusable elsewhere. */
export function getReportDomain({ chainId, oracle }: GetReportDomainParameters) {
  return {
    name: REPORT_DOMAIN_NAME,
    version: REPORT_DOMAIN_VERSION,
    chainId,
    verifyingContract: oracle,
  } as const;
}

export type GetReportDomainReturnType = ReturnType<typeof getReportDomain>;
