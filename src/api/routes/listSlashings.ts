import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import { decodeCursor } from "../decodeCursor.js";
import type { RouteTypes } from "../fromSchema.js";
import { isCursorInteger } from "../isCursorInteger.js";
import { keysetPage } from "../keysetPage.js";
import { problemResponses } from "../problems.js";
import {
  cursorSchema,
  epochSchema,
  limitSchema,
  operatorIdSchema,
  pageProperties,
  pageRequired,
} from "../schemas.js";

const schema = {
  summary:
    "Slashing operations found in finalized blocks, newest first, with the operators of the slashed validators",
  tags: ["slashings"],
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: {
      operator: {
        ...operatorIdSchema,
        description: "Only slashings of this operator's validators",
      },
      from: { ...epochSchema, description: "First epoch, inclusive" },
      to: { ...epochSchema, description: "Last epoch, inclusive" },
      limit: limitSchema,
      cursor: cursorSchema,
    },
  },
  response: {
    200: {
      type: "object",
      required: pageRequired,
      properties: pageProperties(
        {
          type: "object",
          required: ["id", "slot", "epoch", "type", "offenders", "operatorIds"],
          properties: {
            id: { type: "integer" },
            slot: { type: "integer" },
            epoch: { type: "integer" },
            type: { type: "string", enum: ["proposer", "attester"] },
            offenders: {
              type: "array",
              description:
                "Slashed validators in the operation's order, with their operator (null when unmapped)",
              items: {
                type: "object",
                required: ["index", "operatorId"],
                properties: {
                  index: { type: "integer" },
                  operatorId: { type: ["string", "null"] },
                },
              },
            },
            operatorIds: {
              type: "array",
              items: { type: "string" },
              description: "Distinct operators of the offenders",
            },
          },
        },
        "Slashings matching the filters (all pages)",
      ),
    },
    ...problemResponses,
  },
} as const;

type Cursor = { k: [number, number] };
const isCursor = (v: unknown): v is Cursor => {
  const k = (v as Cursor)?.k;
  return Array.isArray(k) && k.length === 2 && isCursorInteger(k[0]) && isCursorInteger(k[1]);
};

/** GET /v1/slashings */
export function listSlashings(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/slashings", { schema }, async (request) => {
    const q = request.query;
    const limit = q.limit ?? 50;
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new ApiError(
        "invalid-parameter",
        `Query parameter "from" (${q.from}) must not exceed "to" (${q.to})`,
        { parameter: "from", in: "query" },
      );
    }
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isCursor);

    const values: unknown[] = [];
    const where: string[] = ["true"];
    const add = (sql: string, value: unknown) =>
      where.push(sql.replaceAll("?", `$${values.push(value)}`));
    if (q.from !== undefined) add("s.epoch >= ?", q.from);
    if (q.to !== undefined) add("s.epoch <= ?", q.to);
    if (q.operator !== undefined)
      add(
        "EXISTS (SELECT 1 FROM validator v WHERE v.index = ANY(s.offending_indices) AND v.operator_id = ?)",
        q.operator,
      );
    const filter = where.join(" AND ");
    const pageValues = [...values];
    const after = cursor
      ? ` AND (s.epoch, s.id) < ($${pageValues.push(cursor.k[0])}, $${pageValues.push(cursor.k[1])})`
      : "";

    const [count, page] = await Promise.all([
      pool.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM slashing s WHERE ${filter}`,
        values,
      ),
      pool.query<{
        id: number;
        slot: number;
        epoch: number;
        type: "proposer" | "attester";
        offenders: { index: number; operatorId: string | null }[];
      }>(
        `SELECT s.id, s.slot, s.epoch, s.type,
                (SELECT coalesce(json_agg(json_build_object('index', u.i, 'operatorId', v.operator_id) ORDER BY u.n), '[]'::json)
                 FROM unnest(s.offending_indices) WITH ORDINALITY AS u(i, n) LEFT JOIN validator v ON v.index = u.i) AS offenders
         FROM slashing s WHERE ${filter}${after}
         ORDER BY s.epoch DESC, s.id DESC LIMIT $${pageValues.push(limit + 1)}`,
        pageValues,
      ),
    ]);
    const { rows, nextCursor } = keysetPage(
      page.rows,
      limit,
      (last): Cursor => ({ k: [last.epoch, last.id] }),
    );
    return {
      total: count.rows[0].total,
      limit,
      nextCursor,
      items: rows.map((r) => ({
        ...r,
        operatorIds: [
          ...new Set(
            r.offenders.map((o) => o.operatorId).filter((id): id is string => id !== null),
          ),
        ].sort(),
      })),
    };
  });
}
