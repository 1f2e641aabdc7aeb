/**
 * Gas benchmark of RiskOracle (npm run bench:gas). Needs the local EVM node (EVM_RPC_URL,
 * default http://127.0.0.1:58545; `bash scripts/services.sh up`).
 *
 * For 1, 64 and 256 operators: a fresh oracle with a 3-of-5 attester set and exactly that many
 * feeds; one report is posted into empty storage (first write, zero → non-zero slots) and a second
 * one updates every score (steady state). The reference, measured in the same run, is
 * contracts/bench/NaiveOracle.sol: one transaction per score with one EIP-712 signature check.
 * Gas is the receipt's gasUsed (intrinsic 21000, calldata, signatures and storage included).
 * Ends with one JSON line; `gas`/`gas_per_operator`/`naive_gas_per_operator`/`ratio_at_256` are
 * first writes (the worst case), the `*_update` fields are steady-state updates.
 */
import { keccak256, stringToBytes, type Hex } from "viem";
import { riskOracleAbi } from "../src/oracle/abi/riskOracle.js";
import { buildReport } from "../src/oracle/buildReport.js";
import { naiveOracleAbi, naiveOracleBytecode } from "../test/contracts/generated/naiveOracle.js";
import { deploy, hardhatAccount, nodeAvailable, publicClientFor, rpcUrl, testKey, walletClientFor, write } from "../test/contracts/support/evm.js";
import { deployOracleFixture, MODEL_HASH } from "../test/contracts/support/oracleFixture.js";

const SIZES = [1, 64, 256];
const NAIVE_SAMPLES = 16;

async function main(): Promise<void> {
  if (!(await nodeAvailable())) {
    process.stderr.write(`no EVM node at ${rpcUrl}; run: bash scripts/services.sh up\n`);
    process.exit(1);
  }
  const account = hardhatAccount(9);
  const publicClient = publicClientFor();
  const walletClient = walletClientFor(account);
  const score = (i: number, round: number) => (i * 7919 + round * 13) % 10_001;

  const reports: Record<string, number>[] = [];
  for (const n of SIZES) {
    const f = await deployOracleFixture({ publicClient, walletClient, label: `bench-${n}-${Date.now()}`, attesterCount: 5, threshold: 3, feedCount: n });
    const gas: bigint[] = [];
    for (const round of [1, 2]) {
      const report = buildReport({
        epoch: round,
        scoresBps: Array.from({ length: n }, (_, i) => score(i, round)),
        modelHash: MODEL_HASH,
        inputCommitment: BigInt(keccak256(stringToBytes(`inputs ${n} ${round}`))) >> 8n,
      });
      const receipt = await write(publicClient, walletClient, f.oracle, riskOracleAbi, "postReport", [report, await f.sign(report), "0x", []]);
      gas.push(receipt.gasUsed);
    }
    const row = {
      operators: n,
      gas: Number(gas[0]),
      gas_per_operator: Math.round(Number(gas[0]) / n),
      gas_update: Number(gas[1]),
      gas_update_per_operator: Math.round(Number(gas[1]) / n),
    };
    reports.push(row);
    process.stdout.write(`RiskOracle ${n} operators: first ${row.gas} gas (${row.gas_per_operator}/op), update ${row.gas_update} gas (${row.gas_update_per_operator}/op)\n`);
  }

  // Reference: one score per transaction, one signature each.
  const attester = testKey("bench:naive-attester");
  const naive = await deploy(publicClient, walletClient, naiveOracleAbi, naiveOracleBytecode, [attester.address]);
  const chainId = await publicClient.getChainId();
  const naiveGas: bigint[][] = [[], []];
  for (const [round, epoch] of [1n, 2n].entries()) {
    for (let i = 0; i < NAIVE_SAMPLES; i++) {
      const feed = keccak256(stringToBytes(`operator:naive-${i}`));
      const s = score(i, round + 1);
      const signature = await attester.signTypedData({
        domain: { name: "NaiveOracle", version: "1", chainId, verifyingContract: naive },
        types: { Score: [{ name: "feedId", type: "bytes32" }, { name: "score", type: "uint16" }, { name: "epoch", type: "uint64" }] },
        primaryType: "Score",
        message: { feedId: feed, score: s, epoch },
      });
      const r = signature.slice(0, 66) as Hex;
      const sv = `0x${signature.slice(66, 130)}` as Hex;
      const v = Number.parseInt(signature.slice(130, 132), 16);
      const receipt = await write(publicClient, walletClient, naive, naiveOracleAbi, "post", [feed, s, epoch, v, r, sv]);
      naiveGas[round].push(receipt.gasUsed);
    }
  }
  const mean = (xs: bigint[]) => Math.round(Number(xs.reduce((a, b) => a + b, 0n)) / xs.length);
  const naivePerOp = mean(naiveGas[0]);
  const naiveUpdatePerOp = mean(naiveGas[1]);
  process.stdout.write(`NaiveOracle: first ${naivePerOp} gas/op, update ${naiveUpdatePerOp} gas/op (mean of ${NAIVE_SAMPLES} transactions)\n`);
  const at256 = reports.find((r) => r.operators === 256)!;
  const result = {
    reports,
    naive_gas_per_operator: naivePerOp,
    naive_update_gas_per_operator: naiveUpdatePerOp,
    ratio_at_256: Number((at256.gas_per_operator / naivePerOp).toFixed(4)),
    update_ratio_at_256: Number((at256.gas_update_per_operator / naiveUpdatePerOp).toFixed(4)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
