/**
 * A poster in its own process, for crash tests: posts one signed report through `postReport`
 * with the PostgreSQL post record and account lock, prints the result as one JSON line. Its input
 * is the JSON in POST_IN_CHILD (the test's own values; keys are test keys).
 */
import pg from "pg";
import { privateKeyToAccount } from "viem/accounts";
import { createPgAccountLock, createPostRecordStore } from "../../src/db/index.js";
import { deserializeReport, type SerializedReport } from "../../src/attester/index.js";
import { postReport } from "../../src/chain/index.js";
import { publicClientFor } from "../contracts/support/evm.js";

const input = JSON.parse(process.env.POST_IN_CHILD!) as {
  rpcUrl: string;
  databaseUrl: string;
  posterKey: `0x${string}`;
  oracle: `0x${string}`;
  report: SerializedReport;
  signatures: `0x${string}`[];
};
const pool = new pg.Pool({ connectionString: input.databaseUrl, max: 3 });
try {
  const result = await postReport({
    publicClient: publicClientFor(input.rpcUrl),
    account: privateKeyToAccount(input.posterKey),
    oracle: input.oracle,
    report: deserializeReport(input.report),
    signatures: input.signatures,
    store: createPostRecordStore(pool),
    lock: createPgAccountLock(pool),
    retries: 1,
    retryDelayMs: 10,
    pollingIntervalMs: 50,
    receiptTimeoutMs: 10_000,
  });
  process.stdout.write(
    `${JSON.stringify({ status: result.status, txHash: result.txHash, reportId: result.reportId })}\n`,
  );
} finally {
  await pool.end();
}
