import { recoverTypedDataAddress, type Address, type Hex } from "viem";
import { InvalidSignatureError } from "./errors.js";
import { getReportDomain } from "./getReportDomain.js";
import { reportTypes } from "./reportTypes.js";
import type { Report, ReportTarget } from "./types.js";
import { SIGNATURE_LENGTH } from "./constants.js";

export type RecoverReportSignerParameters = ReportTarget & { report: Report; signature: Hex };

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/**
 * The address that signed a report for this chain and oracle. Rejects what the contract rejects
 * (length ≠ 65, v ∉ {27, 28}, high s) with `InvalidSignatureError`. A signature made for another
 * chain or contract recovers to some unrelated address: compare the result with the attester set.
 */
export async function recoverReportSigner({
  report,
  chainId,
  oracle,
  signature,
}: RecoverReportSignerParameters): Promise<Address> {
  if (!/^0x[0-9a-fA-F]*$/.test(signature) || (signature.length - 2) / 2 !== SIGNATURE_LENGTH) {
    throw new InvalidSignatureError("Report signature must be 65 bytes");
  }
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130, 132), 16);
  if (v !== 27 && v !== 28)
    throw new InvalidSignatureError("Report signature has v not in {27, 28}");
  if (s > HALF_N) throw new InvalidSignatureError("Report signature has a high s value");
  return recoverTypedDataAddress({
    domain: getReportDomain({ chainId, oracle }),
    types: reportTypes,
    primaryType: "Report",
    message: report,
    signature,
  });
}
