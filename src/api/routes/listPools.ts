import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import type { RouteTypes } from "../fromSchema.js";
import { POOL_SCORE_COLUMNS, poolScoreFromRow, type PoolScoreRow } from "../poolScoreFromRow.js";
import { problemResponses } from "../problems.js";
import { poolScoreSchema } from "../schemas.js";

export const poolSummaryProperties = {
  id: { type: "string" },
  name: { type: "string" },
  kind: { type: "string", description: "lst, lrt, …" },
  operatorCount: { type: "integer", description: "Operators mapped to the pool" },
  score: poolScoreSchema,
} as const;

const schema = {
  summary: "Every pool with its latest score (pools are few: no pagination)",
  tags: ["pools"],
  response: {
    200: {
      type: "object",
      required: ["items"],
      properties: {
        items: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "name", "kind", "operatorCount", "score"],
            properties: poolSummaryProperties,
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

/** GET /v1/pools */
export function listPools(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/pools", { schema }, async () => {
    const { rows } = await pool.query<
      PoolScoreRow & { id: string; name: string; kind: string; operator_count: number }
    >(
      `SELECT p.id, p.name, p.kind, coalesce(c.n, 0)::int AS operator_count, ${POOL_SCORE_COLUMNS}
       FROM pool p
       LEFT JOIN (SELECT pool_id, count(*) AS n FROM operator WHERE pool_id IS NOT NULL GROUP BY pool_id) c ON c.pool_id = p.id
       LEFT JOIN LATERAL (SELECT * FROM pool_score WHERE pool_id = p.id ORDER BY epoch DESC LIMIT 1) ps ON true
       ORDER BY p.id`,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        operatorCount: r.operator_count,
        score: poolScoreFromRow(r),
      })),
    };
  });
}
