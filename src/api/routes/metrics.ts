import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";

/** GET /metrics: the process's Prometheus registry (API latency, rate limiting, Node.js). */
export function metrics(app: FastifyInstance, { metrics }: ApiContext): void {
  app.get(
    "/metrics",
    { schema: { hide: true }, config: { rateLimit: false } },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}
