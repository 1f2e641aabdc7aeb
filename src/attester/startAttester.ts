/**
 * An independent attester: its own key, its own database and chain RPC, and one route,
 * `POST /v1/attest` (buildAttesterApp), that checks a report (proof, inputs recomputed from its own
 * data, on-chain model and feeds) and answers with an EIP-712 signature or a reasoned refusal.
 */
import { createPublicClient, http, type Address } from "viem";
import { ConfigError, type Common } from "../config/index.js";
import { createDb } from "../db/index.js";
import { attestReport } from "./attestReport.js";
import { buildAttesterApp } from "./attesterApp.js";
import { loadPosterAccount } from "../chain/index.js";
import { UNLABELLED_OPERATOR } from "../operators/index.js";
import { resolveSrsPath } from "../proving/index.js";

export type StartAttesterParameters = { common: Common; port?: number; host?: string };
export type RunningAttester = { url: string; address: Address };

export async function startAttester({
  common,
  port = common.config.ATTESTER_PORT,
  host = common.config.API_HOST,
}: StartAttesterParameters): Promise<RunningAttester> {
  const { config, logger, metrics, shutdown } = common;
  if (!config.ORACLE_ADDRESS)
    throw new ConfigError(["ORACLE_ADDRESS is required: an attester signs for one oracle only"]);
  const account = await loadPosterAccount({
    privateKey: config.ATTESTER_PRIVATE_KEY,
    keystorePath: config.ATTESTER_KEYSTORE_PATH,
    keystorePassword: config.ATTESTER_KEYSTORE_PASSWORD,
    role: "ATTESTER",
  });
  const db = createDb({ url: config.DATABASE_URL, logger });
  shutdown.add("database", () => db.close());
  const publicClient = createPublicClient({ transport: http(config.EVM_RPC_URL) });
  const log = logger.child({ module: "attester", attester: account.address });

  const hmacKey = config.ATTESTER_HMAC_KEY;
  if (!hmacKey && config.NODE_ENV === "production")
    throw new ConfigError([
      "ATTESTER_HMAC_KEY is required in production: only the poster may ask for signatures",
    ]);
  if (!hmacKey)
    log.warn(
      "ATTESTER_HMAC_KEY is empty: anyone who reaches this port can make the attester verify proofs (development only)",
    );
  const app = buildAttesterApp({
    address: account.address,
    hmacKey,
    bodyLimitBytes: config.ATTESTER_BODY_LIMIT_BYTES,
    metrics,
    logger: log,
    attest: (request) =>
      attestReport({
        request,
        pool: db.pool,
        publicClient,
        account,
        oracle: config.ORACLE_ADDRESS as Address,
        srsPath: (k) =>
          resolveSrsPath({ configured: config.EZKL_SRS_PATH, k, nodeEnv: config.NODE_ENV }),
        reportEvery: config.REPORT_EVERY_EPOCHS,
        maxLagEpochs: config.ATTESTER_MAX_LAG_EPOCHS,
        validitySeconds: config.REPORT_VALIDITY_SECONDS,
        excludedOperators: [UNLABELLED_OPERATOR],
        nodeEnv: config.NODE_ENV,
        logger: log,
        metrics,
      }),
  });
  const url = await app.listen({ port, host });
  shutdown.add("attester server", () => app.close());
  log.info({ url, oracle: config.ORACLE_ADDRESS }, "attester listening");
  return { url, address: account.address };
}
