import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import { decodeCursor } from "../decodeCursor.js";
import type { RouteTypes } from "../fromSchema.js";
import { keysetPage } from "../keysetPage.js";
import { problemResponses } from "../problems.js";
import {
  cursorSchema,
  limitSchema,
  operatorIdSchema,
  pageProperties,
  pageRequired,
  timestampSchema,
} from "../schemas.js";
import { REPORT_STATUSES } from "./listReports.js";

const schema = {
  summary:
    "The reports whose batch holds an operator, newest first, with the operator's proven score in each",
  tags: ["operators", "reports"],
  params: { type: "object", required: ["id"], properties: { id: operatorIdSchema } },
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: { limit: limitSchema, cursor: cursorSchema },
  },
  response: {
    200: {
      type: "object",
      required: ["operatorId", ...pageRequired],
      properties: {
        operatorId: { type: "string" },
        ...pageProperties(
          {
            type: "object",
            required: ["id", "epoch", "status", "feedIndex", "scoreBps", "txHash", "postedAt"],
            properties: {
              id: { type: "integer" },
              epoch: { type: "integer" },
              status: { type: "string", enum: REPORT_STATUSES },
              feedIndex: { type: "integer" },
              scoreBps: {
                type: ["integer", "null"],
                description: "The operator's proven score in this report; null until proven",
              },
              txHash: { type: ["string", "null"] },
              postedAt: timestampSchema,
            },
          },
          "Reports holding the operator (all pages)",
        ),
      },
    },
    ...problemResponses,
  },
} as const;

type Cursor = { before: number };
const isCursor = (v: unknown): v is Cursor =>
  Number.isSafeInteger((v as Cursor)?.before) && (v as Cursor).before >= 0;

/** GET /v1/operators/:id/reports */
export function listOperatorReports(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/operators/:id/reports", { schema }, async (request) => {
    const { id } = request.params;
    const { limit = 50 } = request.query;
    const before =
      request.query.cursor === undefined
        ? null
        : decodeCursor(request.query.cursor, isCursor).before;
    const [head, page] = await Promise.all([
      pool.query<{ known: boolean; total: number }>(
        `SELECT EXISTS (SELECT 1 FROM operator WHERE id = $1) AS known, (SELECT count(*)::int FROM report WHERE $1 = ANY(operator_ids)) AS total`,
        [id],
      ),
      pool.query<{
        id: number;
        epoch: number;
        status: (typeof REPORT_STATUSES)[number];
        position: number;
        first_feed_index: number;
        score_bps: number | null;
        tx_hash: string | null;
        posted_at: Date | null;
      }>(
        `SELECT id, epoch, status, array_position(operator_ids, $1) AS position, first_feed_index,
                scores_bps[array_position(operator_ids, $1)] AS score_bps, tx_hash, posted_at AT TIME ZONE 'UTC' AS posted_at
         FROM report WHERE $1 = ANY(operator_ids) AND ($2::int IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
        [id, before, limit + 1],
      ),
    ]);
    if (!head.rows[0].known)
      throw new ApiError("not-found", `No operator with id ${JSON.stringify(id)}`);
    const { rows, nextCursor } = keysetPage(
      page.rows,
      limit,
      (last): Cursor => ({ before: last.id }),
    );
    return {
      operatorId: id,
      total: head.rows[0].total,
      limit,
      nextCursor,
      items: rows.map((r) => ({
        id: r.id,
        epoch: r.epoch,
        status: r.status,
        feedIndex: r.first_feed_index + r.position - 1,
        scoreBps: r.score_bps,
        txHash: r.tx_hash,
        postedAt: r.posted_at?.toISOString() ?? null,
      })),
    };
  });
}
