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
} from "../schemas.js";

const schema = {
  summary:
    "The validators attributed to an operator, by index (their duties: /v1/validators/{index})",
  tags: ["operators"],
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
            required: ["index", "status", "slashed", "effectiveBalanceGwei", "updatedEpoch"],
            properties: {
              index: { type: "integer" },
              status: { type: "string" },
              slashed: { type: "boolean" },
              effectiveBalanceGwei: { type: "number" },
              updatedEpoch: { type: "integer" },
            },
          },
          "Validators of the operator (all pages)",
        ),
      },
    },
    ...problemResponses,
  },
} as const;

type Cursor = { after: number };
const isCursor = (v: unknown): v is Cursor =>
  Number.isSafeInteger((v as Cursor)?.after) && (v as Cursor).after >= 0;

/** GET /v1/operators/:id/validators */
export function listOperatorValidators(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>(
    "/v1/operators/:id/validators",
    { schema },
    async (request) => {
      const { id } = request.params;
      const { limit = 50 } = request.query;
      const after =
        request.query.cursor === undefined
          ? -1
          : decodeCursor(request.query.cursor, isCursor).after;
      const [head, page] = await Promise.all([
        pool.query<{ known: boolean; total: number }>(
          `SELECT EXISTS (SELECT 1 FROM operator WHERE id = $1) AS known, (SELECT count(*)::int FROM validator WHERE operator_id = $1) AS total`,
          [id],
        ),
        pool.query<{
          index: number;
          status: string;
          slashed: boolean;
          effective_balance_gwei: string;
          updated_epoch: number;
        }>(
          `SELECT index, status, slashed, effective_balance_gwei, updated_epoch FROM validator
         WHERE operator_id = $1 AND index > $2 ORDER BY index LIMIT $3`,
          [id, after, limit + 1],
        ),
      ]);
      if (!head.rows[0].known)
        throw new ApiError("not-found", `No operator with id ${JSON.stringify(id)}`);
      const { rows, nextCursor } = keysetPage(
        page.rows,
        limit,
        (last): Cursor => ({ after: last.index }),
      );
      return {
        operatorId: id,
        total: head.rows[0].total,
        limit,
        nextCursor,
        items: rows.map((r) => ({
          index: r.index,
          status: r.status,
          slashed: r.slashed,
          effectiveBalanceGwei: Number(r.effective_balance_gwei),
          updatedEpoch: r.updated_epoch,
        })),
      };
    },
  );
}
