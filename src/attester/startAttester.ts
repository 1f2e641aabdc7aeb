/**
 * An independent attester: its own key, its own database and chain RPC, and one route,
 * `POST /v1/attest`, that checks a report (proof, inputs recomputed from its own data, on-chain
 * model and feeds) and answers with an EIP-712 signature or a reasoned refusal. Cheap to refuse:
 * only bodies HMAC-signed by a poster are read (up to ATTESTER_BODY_LIMIT_BYTES), decisions are
 * cached by report digest, and one verification runs at a time (429 while busy).
 */
import Fastify, { type FastifyReply } from "fastify";
import { createPublicClient, getAddress, http, type Address, type Hex } from "viem";
import { errorCode } from "../common/index.js";
import { ConfigError, type Common } from "../config/index.js";
import { createDb } from "../db/index.js";
import { attestReport } from "./attestReport.js";
import { deserializeReport, type AttestationRequest } from "./attestationRequest.js";
import { checkHmac } from "./checkHmac.js";
import { createDecisionCache, type Decision } from "./createDecisionCache.js";
import { ATTESTER_HMAC_HEADER } from "./hmacBody.js";
import { AttestationRefusedError, hashReport } from "../report/index.js";
import { loadPosterAccount } from "../chain/index.js";
import { UNLABELLED_OPERATOR } from "../operators/index.js";
import { resolveSrsPath } from "../proving/index.js";

export type StartAttesterParameters = { common: Common; port?: number; host?: string };
export type RunningAttester = { url: string; address: Address };

export async function startAttester({ common, port = common.config.ATTESTER_PORT, host = common.config.API_HOST }: StartAttesterParameters): Promise<RunningAttester> {
  const { config, logger, metrics, shutdown } = common;
  if (!config.ORACLE_ADDRESS) throw new ConfigError(["ORACLE_ADDRESS is required: an attester signs for one oracle only"]);
  const account = await loadPosterAccount({ privateKey: config.ATTESTER_PRIVATE_KEY, keystorePath: config.ATTESTER_KEYSTORE_PATH, keystorePassword: config.ATTESTER_KEYSTORE_PASSWORD, role: "ATTESTER" });
  const db = createDb({ url: config.DATABASE_URL, logger });
  shutdown.add("database", () => db.close());
  const publicClient = createPublicClient({ transport: http(config.EVM_RPC_URL) });
  const log = logger.child({ module: "attester", attester: account.address });

  const hmacKey = config.ATTESTER_HMAC_KEY;
  if (!hmacKey && config.NODE_ENV === "production") throw new ConfigError(["ATTESTER_HMAC_KEY is required in production: only the poster may ask for signatures"]);
  if (!hmacKey) log.warn("ATTESTER_HMAC_KEY is empty: anyone who reaches this port can make the attester verify proofs (development only)");
  const decisions = createDecisionCache();
  let verifying = false;

  // Too-large bodies get 413 from Fastify before they are read in full.
  const app = Fastify({ logger: false, bodyLimit: config.ATTESTER_BODY_LIMIT_BYTES });
  // The body is kept as bytes: the HMAC is over exactly what the poster sent.
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({ type: "about:blank", title, status, attester: account.address, ...extra });
  const send = (reply: FastifyReply, { status, body }: Decision) => (status === 200 ? reply.code(200).send(body) : reply.code(status).type("application/problem+json").send(body));
  app.get("/health", async () => ({ status: "ok", attester: account.address }));
  app.get("/metrics", async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.post("/v1/attest", async (req, reply) => {
    const raw = req.body as Buffer | undefined;
    if (hmacKey && !checkHmac({ key: hmacKey, body: raw ?? Buffer.alloc(0), header: req.headers[ATTESTER_HMAC_HEADER] })) {
      return reply.code(401).type("application/problem+json").send(problem(401, "Request is not signed by a configured poster", { detail: `${ATTESTER_HMAC_HEADER} must be the HMAC-SHA256 of the body` }));
    }
    let body: Partial<AttestationRequest> | undefined;
    let digest: Hex | undefined;
    try {
      body = JSON.parse(raw?.toString("utf8") ?? "") as Partial<AttestationRequest>;
      if (body?.target && body.report && body.artifacts) digest = hashReport({ report: deserializeReport(body.report), chainId: Number(body.target.chainId), oracle: getAddress(body.target.oracle) });
    } catch {
      digest = undefined;
    }
    if (!body?.target || !body.report || !body.artifacts || !digest) {
      return reply.code(400).type("application/problem+json").send(problem(400, "Malformed attestation request", { detail: "body must be JSON holding target, report and artifacts" }));
    }
    const cached = decisions.get(digest);
    if (cached) return send(reply, cached);
    // One verification at a time: a proof check takes the process's CPU; callers come back later.
    if (verifying) return reply.code(429).header("retry-after", "2").type("application/problem+json").send(problem(429, "Busy verifying another report"));
    verifying = true;
    try {
      const signed = await attestReport({
        request: body as AttestationRequest,
        pool: db.pool,
        publicClient,
        account,
        oracle: config.ORACLE_ADDRESS as Address,
        srsPath: (k) => resolveSrsPath({ configured: config.EZKL_SRS_PATH, k, nodeEnv: config.NODE_ENV }),
        reportEvery: config.REPORT_EVERY_EPOCHS,
        maxLagEpochs: config.ATTESTER_MAX_LAG_EPOCHS,
        validitySeconds: config.REPORT_VALIDITY_SECONDS,
        excludedOperators: [UNLABELLED_OPERATOR],
        nodeEnv: config.NODE_ENV,
        logger: log,
        metrics,
      });
      const decision: Decision = { status: 200, body: signed };
      decisions.set(digest, decision);
      return send(reply, decision);
    } catch (error) {
      if (error instanceof AttestationRefusedError) {
        const decision: Decision = { status: error.retryable ? 503 : 422, body: problem(error.retryable ? 503 : 422, error.shortMessage, { detail: error.details, refusal: error.refusal }) };
        if (!error.retryable) decisions.set(digest, decision);
        return send(reply, decision);
      }
      log.error({ err: (error as Error).message }, "attestation failed");
      // Generic: the message of an RPC error carries the RPC URL, which may hold an API key.
      return reply.code(500).type("application/problem+json").send(problem(500, "Attestation failed", { detail: `The attester failed to check this report (${errorCode(error)}); the failure is logged.` }));
    } finally {
      verifying = false;
    }
  });
  const url = await app.listen({ port, host });
  shutdown.add("attester server", () => app.close());
  log.info({ url, oracle: config.ORACLE_ADDRESS }, "attester listening");
  return { url, address: account.address };
}
