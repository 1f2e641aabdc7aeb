import type { FastifyInstance } from "fastify";
import { ingestedSpan, latestScoredEpoch, loadFinalizedHead } from "../../db/index.js";
// The file, not the ingest index: that one loads the beacon client, which the API never uses.
import { ingestionLag } from "../../ingest/ingestionLag.js";
import type { ApiContext } from "../apiContext.js";
import { createCachedLoader } from "../createCachedLoader.js";
import type { RouteTypes } from "../fromSchema.js";

const readiness = {
  type: "object",
  required: [
    "ready",
    "lag",
    "missingEpochs",
    "finalizedEpoch",
    "ingestedEpoch",
    "latestScoredEpoch",
  ],
  properties: {
    ready: { type: "boolean" },
    lag: {
      type: ["integer", "null"],
      description:
        "Ingestable epochs (up to finalized − 2) not stored: after the newest ingested epoch plus the gaps below it; null while no finalized head is known",
    },
    missingEpochs: {
      type: "integer",
      description:
        "Epochs missing between the earliest and the newest ingested epoch (failed or still retrying)",
    },
    finalizedEpoch: {
      type: ["integer", "null"],
      description: "Latest finalized epoch the follower recorded",
    },
    ingestedEpoch: { type: ["integer", "null"] },
    latestScoredEpoch: { type: ["integer", "null"] },
  },
} as const;

const schema = {
  summary:
    "Readiness: 200 when ingestion has caught up with the finalized head (lag ≤ 1), else 503",
  tags: ["operations"],
  response: { 200: readiness, 503: readiness },
} as const;

/**
 * GET /ready: reads the follower's recorded head from the database, never the beacon node. It is
 * exempt from the rate limit (orchestrators probe it), so its answer is shared: concurrent probes
 * wait on one reading, which is served for API_CACHE_REFRESH_MS.
 */
export function ready(app: FastifyInstance, { pool, config }: ApiContext): void {
  const readiness = createCachedLoader({
    ttlMs: config.API_CACHE_REFRESH_MS,
    load: async () => {
      const [head, span, scored] = await Promise.all([
        loadFinalizedHead(pool),
        ingestedSpan(pool),
        latestScoredEpoch(pool),
      ]);
      const finalizedEpoch = head?.finalizedEpoch ?? null;
      const lag = ingestionLag({ finalizedEpoch, ingestedEpoch: span.latest, gaps: span.gaps });
      return {
        ready: lag !== null && lag <= 1,
        lag,
        missingEpochs: span.gaps,
        finalizedEpoch,
        ingestedEpoch: span.latest,
        latestScoredEpoch: scored,
      };
    },
  });
  app.get<RouteTypes<typeof schema>>(
    "/ready",
    { schema, config: { rateLimit: false } },
    async (_request, reply) => {
      const answer = await readiness();
      reply.code(answer.ready ? 200 : 503);
      return answer;
    },
  );
}
