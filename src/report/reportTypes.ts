/**
 * The EIP-712 type of a report. Must match `RiskOracle.REPORT_TYPEHASH`:
 * `Report(uint64 epoch,uint64 validUntil,uint32 firstWord,uint32 feedCount,bytes32 modelHash,uint256 inputCommitment,bytes32 proofHash,uint256[] scoreWords)`.
 */
export const reportTypes = {
  Report: [
    { name: "epoch", type: "uint64" },
    { name: "validUntil", type: "uint64" },
    { name: "firstWord", type: "uint32" },
    { name: "feedCount", type: "uint32" },
    { name: "modelHash", type: "bytes32" },
    { name: "inputCommitment", type: "uint256" },
    { name: "proofHash", type: "bytes32" },
    { name: "scoreWords", type: "uint256[]" },
  ],
} as const;

/** EIP-712 domain name and version of RiskOracle. */
export const REPORT_DOMAIN_NAME = "RiskOracle";
export const REPORT_DOMAIN_VERSION = "1";
