import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import type { RouteTypes } from "../fromSchema.js";
import { POOL_SCORE_COLUMNS, poolScoreFromRow, type PoolScoreRow } from "../poolScoreFromRow.js";
import { problemResponses } from "../problems.js";
import { operatorIdSchema } from "../schemas.js";
import { poolSummaryProperties } from "./listPools.js";

const schema = {
  summary: "A pool's latest score and its operators with their latest scores, riskiest first",
  tags: ["pools"],
  params: {
    type: "object",
    required: ["id"],
    properties: { id: { ...operatorIdSchema, description: "Pool id" } },
  },
  response: {
    200: {
      type: "object",
      required: ["id", "name", "kind", "operatorCount", "score", "operators"],
      properties: {
        ...poolSummaryProperties,
        operators: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "name", "score"],
            properties: {
              id: { type: "string" },
              name: { type: "string" },
              score: {
                type: ["object", "null"],
                required: ["epoch", "scoreBps", "grade", "validators", "stakeGwei"],
                properties: {
                  epoch: { type: "integer" },
                  scoreBps: { type: "integer" },
                  grade: { type: "string" },
                  validators: { type: "integer" },
                  stakeGwei: { type: "number" },
                },
              },
            },
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

/** GET /v1/pools/:id */
export function getPool(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/pools/:id", { schema }, async (request) => {
    const { id } = request.params;
    const [head, members] = await Promise.all([
      pool.query<PoolScoreRow & { id: string; name: string; kind: string }>(
        `SELECT p.id, p.name, p.kind, ${POOL_SCORE_COLUMNS}
         FROM pool p LEFT JOIN LATERAL (SELECT * FROM pool_score WHERE pool_id = p.id ORDER BY epoch DESC LIMIT 1) ps ON true
         WHERE p.id = $1`,
        [id],
      ),
      pool.query<{
        id: string;
        name: string;
        epoch: number | null;
        score_bps: number;
        grade: string;
        validators: number;
        stake_gwei: number;
      }>(
        `SELECT o.id, o.name, s.epoch, s.score_bps, s.grade, s.validators, s.stake_gwei
         FROM operator o
         LEFT JOIN LATERAL (SELECT epoch, score_bps, grade, validators, stake_gwei FROM operator_score WHERE operator_id = o.id ORDER BY epoch DESC LIMIT 1) s ON true
         WHERE o.pool_id = $1
         ORDER BY s.score_bps DESC NULLS LAST, o.id`,
        [id],
      ),
    ]);
    const p = head.rows[0];
    if (!p) throw new ApiError("not-found", `No pool with id ${JSON.stringify(id)}`);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      operatorCount: members.rows.length,
      score: poolScoreFromRow(p),
      operators: members.rows.map((o) => ({
        id: o.id,
        name: o.name,
        score:
          o.epoch === null
            ? null
            : {
                epoch: o.epoch,
                scoreBps: o.score_bps,
                grade: o.grade,
                validators: o.validators,
                stakeGwei: o.stake_gwei,
              },
      })),
    };
  });
}
