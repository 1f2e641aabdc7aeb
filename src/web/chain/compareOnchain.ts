import { createPublicClient, http, keccak256, zeroAddress, type Address, type Hex } from "viem";
import type { Report, ReportArtifacts } from "../../client/index.js";
import { riskOracleAbi } from "../../chain/abi/riskOracle.js";
import { NO_DATA_SCORE } from "../../report/constants.js";
import { feedId } from "../../report/feedId.js";
import { rawProof } from "../../report/rawProof.js";
import type { Check, VerifierCode } from "../verify/verdict.js";
import { compareVerifierCode } from "./compareVerifierCode.js";

export type CompareOnchainParameters = {
  rpcUrl: string;
  report: Report;
  artifacts: ReportArtifacts;
  /** The code of the circuit's verifier this page ran (bundled from contracts/generated); null when none ran. */
  verifierCode?: VerifierCode | null;
};

/**
 * The circuit pin of an accepted model, read with its own fragment: RiskOracle deployments that
 * predate pinned circuits lack it, and the page says so rather than failing.
 */
const modelPinAbi = [
  {
    type: "function",
    name: "modelPin",
    stateMutability: "view",
    inputs: [{ name: "modelHash", type: "bytes32" }],
    outputs: [
      {
        type: "tuple",
        components: [
          { name: "verifier", type: "address" },
          { name: "outScale", type: "uint8" },
          { name: "logrows", type: "uint8" },
          { name: "accepted", type: "bool" },
          { name: "vkHash", type: "bytes32" },
          { name: "settingsHash", type: "bytes32" },
        ],
      },
    ],
  },
] as const;

/**
 * Reads RiskOracle through an RPC URL and compares what it stores with the report's artifacts:
 * the chain, the transaction, the stored report header (epoch, feed count, model hash, input
 * commitment, proof hash), each operator's score where this report is still the newest for its
 * feed, the circuit pinned for the model, and (when the page ran the circuit's verifier) whether
 * the pinned verifier's code is the one it ran (for a reusable verifier: the adapter, the reusable
 * verifier and the verifying-key artifact it binds). One check per comparison; nothing is trusted.
 */
export async function compareOnchain({
  rpcUrl,
  report,
  artifacts,
  verifierCode = null,
}: CompareOnchainParameters): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  if (report.chainId === null || report.oracle === null || report.onchainReportId === null) {
    add("Posted", false, `report ${report.id} is ${report.status}: it has no on-chain report yet`);
    return checks;
  }
  const client = createPublicClient({
    transport: http(rpcUrl, { timeout: 15_000, retryCount: 1 }),
  });
  const oracle = report.oracle as Address;
  const chainId = await client.getChainId();
  add(
    "Chain",
    chainId === report.chainId,
    `the RPC serves chain ${chainId}; the report was posted on chain ${report.chainId}`,
  );
  if (chainId !== report.chainId) return checks;

  if (report.txHash) {
    const receipt = await client
      .getTransactionReceipt({ hash: report.txHash as Hex })
      .catch(() => null);
    const ok =
      receipt !== null &&
      receipt.status === "success" &&
      receipt.to?.toLowerCase() === oracle.toLowerCase();
    add(
      "Transaction",
      ok,
      receipt
        ? `${report.txHash} ${receipt.status} in block ${receipt.blockNumber} to ${receipt.to}`
        : `${report.txHash} is not on this chain`,
    );
  }

  const header = await client.readContract({
    address: oracle,
    abi: riskOracleAbi,
    functionName: "getReport",
    args: [report.onchainReportId],
  });
  const same = (
    name: string,
    onchain: string | number | bigint,
    published: string | number | bigint,
  ) =>
    add(
      name,
      String(onchain).toLowerCase() === String(published).toLowerCase(),
      `on-chain ${onchain}, artifacts ${published}`,
    );
  same("Epoch", header.epoch, BigInt(artifacts.epoch));
  same("Feed count", header.feedCount, artifacts.operatorIds.length);
  same("Model hash", header.modelHash, artifacts.modelHash);
  same("Input commitment", header.inputCommitment, BigInt(artifacts.inputCommitment));
  same(
    "Proof hash",
    header.proofHash,
    keccak256(rawProof(Uint8Array.from(atob(artifacts.proof), (c) => c.charCodeAt(0)))),
  );

  let superseded = 0;
  let compared = 0;
  for (const [i, operatorId] of artifacts.operatorIds.entries()) {
    const [score, , , reportId] = await client.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "getScoreWithReport",
      args: [feedId({ kind: "operator", id: operatorId })],
    });
    if (reportId !== report.onchainReportId) {
      superseded++;
      continue;
    }
    compared++;
    // RiskOracle stores a no-data lane as 0xffff, the value it never serves as a score.
    const expected = artifacts.scoresBps[i] ?? NO_DATA_SCORE;
    if (score !== expected)
      add(
        "Scores",
        false,
        `${operatorId}: on-chain ${score} bps, artifacts ${artifacts.scoresBps[i] ?? "no data"}`,
      );
  }
  if (!checks.some((c) => c.name === "Scores")) {
    add(
      "Scores",
      true,
      `${compared} on-chain scores equal the artifacts${superseded ? `; ${superseded} feeds hold a newer report's score` : ""}`,
    );
  }

  try {
    const pin = await client.readContract({
      address: oracle,
      abi: modelPinAbi,
      functionName: "modelPin",
      args: [artifacts.modelHash as Hex],
    });
    add(
      "Model accepted",
      pin.accepted,
      pin.accepted
        ? `model ${artifacts.modelHash} is accepted, verifier ${pin.verifier}`
        : "the model is not (or no longer) accepted",
    );
    // RiskOracle pins the sha256 of the verifying key and of the settings, as the artifacts publish them.
    same("Pinned verifying key", pin.vkHash, `0x${artifacts.vkHash}`);
    same("Pinned settings", pin.settingsHash, `0x${artifacts.settingsHash}`);
    same("Pinned SRS size", pin.logrows, artifacts.srs.k);
    if (pin.verifier !== zeroAddress && verifierCode)
      checks.push(
        ...(await compareVerifierCode({ client, pinned: pin.verifier, code: verifierCode })),
      );
  } catch {
    const accepted = await client.readContract({
      address: oracle,
      abi: riskOracleAbi,
      functionName: "isModelAccepted",
      args: [artifacts.modelHash as Hex],
    });
    add(
      "Model accepted",
      accepted,
      accepted
        ? `model ${artifacts.modelHash} is accepted (this RiskOracle exposes no circuit pin)`
        : "the model is not (or no longer) accepted",
    );
  }
  return checks;
}
