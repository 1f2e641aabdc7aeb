import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { getAddress, type Address, type Hex } from "viem";
import { errorCode } from "../common/index.js";
import type { Logger } from "../common/logger.js";
import type { Metrics } from "../metrics/index.js";
import { AttestationRefusedError, hashReport } from "../report/index.js";
import { deserializeReport, type AttestationRequest } from "./attestationRequest.js";
import { checkHmac } from "./checkHmac.js";
import { createDecisionCache, type Decision } from "./createDecisionCache.js";
import { ATTESTER_HMAC_HEADER } from "./hmacBody.js";

export type BuildAttesterAppParameters = {
  /** The attester's signing address, named in every answer. */
  address: Address;
  /** Shared with the poster(s); empty only in development (anyone may then ask). */
  hmacKey: string;
  bodyLimitBytes: number;
  metrics: Metrics;
  logger: Logger;
  /** Checks one report and signs it, or throws AttestationRefusedError with the reason. */
  attest: (request: AttestationRequest) => Promise<Record<string, unknown>>;
};

const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "attester"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    attester: { type: "string" },
    detail: { type: "string" },
    refusal: { type: "string" },
  },
} as const;

/**
 * One schema for the route: the HMAC header it needs and every answer it gives. The body is
 * declared but checked by hand after the HMAC, because the HMAC is over the exact bytes the poster
 * sent and nothing is parsed before it holds.
 */
const attestSchema = {
  summary: "Check a report (proof, inputs from the attester's own data, on-chain pins) and sign it",
  // No pattern: a wrong HMAC header is a 401 from the check below, like a missing one.
  headers: { type: "object", properties: { [ATTESTER_HMAC_HEADER]: { type: "string" } } },
  response: {
    200: {
      type: "object",
      required: ["signature", "attester", "digest"],
      properties: {
        signature: { type: "string" },
        attester: { type: "string" },
        digest: { type: "string" },
      },
    },
    "4xx": problemSchema,
    "5xx": problemSchema,
  },
} as const;

/**
 * The attester's HTTP surface as a Fastify app, so tests use `app.inject()`. Cheap to refuse: a
 * body over the limit gets 413 before it is read, an unsigned one 401 before it is parsed,
 * decisions are cached by report digest, and one verification runs at a time (429 while busy).
 */
export function buildAttesterApp({
  address,
  hmacKey,
  bodyLimitBytes,
  metrics,
  logger,
  attest,
}: BuildAttesterAppParameters): FastifyInstance {
  const decisions = createDecisionCache();
  let verifying = false;
  const app = Fastify({ logger: false, bodyLimit: bodyLimitBytes });
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
    done(null, body),
  );
  const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({
    type: "about:blank",
    title,
    status,
    attester: address,
    ...extra,
  });
  const send = (reply: FastifyReply, { status, body }: Decision) =>
    status === 200
      ? reply.code(200).send(body)
      : reply.code(status).type("application/problem+json").send(body);
  const refuse = (
    reply: FastifyReply,
    status: number,
    title: string,
    extra?: Record<string, unknown>,
  ) => send(reply, { status, body: problem(status, title, extra) });
  // Fastify's own refusals (413, a malformed header) answer as problems too.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    return refuse(reply, status, status === 500 ? "Attestation failed" : error.message);
  });
  app.get("/health", async () => ({ status: "ok", attester: address }));
  app.get("/metrics", async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.post("/v1/attest", { schema: attestSchema }, async (req, reply) => {
    const raw = req.body as Buffer | undefined;
    if (
      hmacKey &&
      !checkHmac({
        key: hmacKey,
        body: raw ?? Buffer.alloc(0),
        header: req.headers[ATTESTER_HMAC_HEADER],
      })
    ) {
      return refuse(reply, 401, "Request is not signed by a configured poster", {
        detail: `${ATTESTER_HMAC_HEADER} must be the HMAC-SHA256 of the body`,
      });
    }
    let body: Partial<AttestationRequest> | undefined;
    let digest: Hex | undefined;
    try {
      body = JSON.parse(raw?.toString("utf8") ?? "") as Partial<AttestationRequest>;
      if (body?.target && body.report && body.artifacts)
        digest = hashReport({
          report: deserializeReport(body.report),
          chainId: Number(body.target.chainId),
          oracle: getAddress(body.target.oracle),
        });
    } catch {
      digest = undefined;
    }
    if (!body?.target || !body.report || !body.artifacts || !digest) {
      return refuse(reply, 400, "Malformed attestation request", {
        detail: "body must be JSON holding target, report and artifacts",
      });
    }
    const cached = decisions.get(digest);
    if (cached) return send(reply, cached);
    // One verification at a time: a proof check takes the process's CPU; callers come back later.
    if (verifying)
      return refuse(reply.header("retry-after", "2"), 429, "Busy verifying another report");
    verifying = true;
    try {
      const decision: Decision = { status: 200, body: await attest(body as AttestationRequest) };
      decisions.set(digest, decision);
      return send(reply, decision);
    } catch (error) {
      if (error instanceof AttestationRefusedError) {
        const status = error.retryable ? 503 : 422;
        const decision: Decision = {
          status,
          body: problem(status, error.shortMessage, {
            detail: error.details,
            refusal: error.refusal,
          }),
        };
        if (!error.retryable) decisions.set(digest, decision);
        return send(reply, decision);
      }
      logger.error({ err: (error as Error).message }, "attestation failed");
      // Generic: the message of an RPC error carries the RPC URL, which may hold an API key.
      return refuse(reply, 500, "Attestation failed", {
        detail: `The attester failed to check this report (${errorCode(error)}); the failure is logged.`,
      });
    } finally {
      verifying = false;
    }
  });
  return app;
}
