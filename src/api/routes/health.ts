import type { FastifyInstance } from "fastify";
import type { RouteTypes } from "../fromSchema.js";

const schema = {
  summary: "Liveness: the process answers",
  tags: ["operations"],
  response: {
    200: {
      type: "object",
      required: ["status"],
      properties: { status: { type: "string", const: "ok" } },
    },
  },
} as const;

/** GET /health: no database access, so a slow database never gets the process restarted. */
export function health(app: FastifyInstance): void {
  app.get<RouteTypes<typeof schema>>(
    "/health",
    { schema, config: { rateLimit: false } },
    async () => ({ status: "ok" as const }),
  );
}
