/**
 * An independent attester: its own key, its own database and chain RPC, and one route,
 * `POST /v1/attest`, that checks a report (proof, inputs recomputed from its own data, on-chain
 * model and feeds) and answers with an EIP-712 signature or a reasoned refusal.
 */
import Fastify from "fastify";
import { createPublicClient, http, type Address } from "viem";
import type { Common } from "../common/index.js";
import { createDb } from "../db/index.js";
import { attestReport, AttestationRefusedError, loadPosterAccount, type AttestationRequest } from "../oracle/index.js";
import { UNLABELLED_OPERATOR } from "../operators/index.js";
import { resolveSrsPath } from "../proving/index.js";

export type StartAttesterParameters = { common: Common; port?: number; host?: string };
export type RunningAttester = { url: string; address: Address };

export async function startAttester({ common, port = common.config.ATTESTER_PORT, host = common.config.API_HOST }: StartAttesterParameters): Promise<RunningAttester> {
  const { config, logger, metrics, shutdown } = common;
  if (!config.ORACLE_ADDRESS) throw new Error("ORACLE_ADDRESS is required: an attester signs for one oracle only");
  const account = await loadPosterAccount({ privateKey: config.ATTESTER_PRIVATE_KEY, keystorePath: config.ATTESTER_KEYSTORE_PATH, keystorePassword: config.ATTESTER_KEYSTORE_PASSWORD, role: "ATTESTER" });
  const db = createDb({ url: config.DATABASE_URL, logger });
  shutdown.add("database", () => db.close());
  const publicClient = createPublicClient({ transport: http(config.EVM_RPC_URL) });
  const log = logger.child({ module: "attester", attester: account.address });

  const app = Fastify({ logger: false, bodyLimit: 64 * 2 ** 20 });
  const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({ type: "about:blank", title, status, attester: account.address, ...extra });
  app.get("/health", async () => ({ status: "ok", attester: account.address }));
  app.get("/metrics", async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.post("/v1/attest", async (req, reply) => {
    const body = req.body as Partial<AttestationRequest> | undefined;
    if (!body?.target || !body.report || !body.artifacts) {
      return reply.code(400).type("application/problem+json").send(problem(400, "Malformed attestation request", { detail: "body must hold target, report and artifacts" }));
    }
    try {
      const signed = await attestReport({
        request: body as AttestationRequest,
        pool: db.pool,
        publicClient,
        account,
        oracle: config.ORACLE_ADDRESS as Address,
        srsPath: (k) => resolveSrsPath({ configured: config.EZKL_SRS_PATH, k, nodeEnv: config.NODE_ENV }),
        excludedOperators: [UNLABELLED_OPERATOR],
        nodeEnv: config.NODE_ENV,
        logger: log,
        metrics,
      });
      return signed;
    } catch (error) {
      if (error instanceof AttestationRefusedError) {
        const status = error.retryable ? 503 : 422;
        return reply.code(status).type("application/problem+json").send(problem(status, error.shortMessage, { detail: error.details, refusal: error.refusal }));
      }
      log.error({ err: (error as Error).message }, "attestation failed");
      return reply.code(500).type("application/problem+json").send(problem(500, "Attestation failed", { detail: (error as Error).message }));
    }
  });
  const url = await app.listen({ port, host });
  shutdown.add("attester server", () => app.close());
  log.info({ url, oracle: config.ORACLE_ADDRESS }, "attester listening");
  return { url, address: account.address };
}
