import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import { decodeCursor } from "../decodeCursor.js";
import type { RouteTypes } from "../fromSchema.js";
import { isCursorInteger } from "../isCursorInteger.js";
import { keysetPage } from "../keysetPage.js";
import { problemResponses } from "../problems.js";
import {
  cursorSchema,
  limitSchema,
  pageProperties,
  pageRequired,
  timestampSchema,
} from "../schemas.js";

export const REPORT_STATUSES = ["pending", "proven", "posted", "failed"] as const;

const schema = {
  summary: "Reports (batches of proven operator scores on their way on-chain), newest first",
  tags: ["reports"],
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: {
      status: { type: "string", enum: REPORT_STATUSES, description: "Only reports in this status" },
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
          required: [
            "id",
            "epoch",
            "status",
            "firstFeedIndex",
            "operatorCount",
            "modelHash",
            "txHash",
            "createdAt",
            "provenAt",
            "postedAt",
          ],
          properties: {
            id: { type: "integer" },
            epoch: { type: "integer" },
            status: { type: "string", enum: REPORT_STATUSES },
            firstFeedIndex: { type: "integer" },
            operatorCount: { type: "integer" },
            modelHash: { type: ["string", "null"] },
            txHash: { type: ["string", "null"] },
            createdAt: { type: "string", format: "date-time" },
            provenAt: timestampSchema,
            postedAt: timestampSchema,
          },
        },
        "Reports in this status (all pages)",
      ),
    },
    ...problemResponses,
  },
} as const;

type Cursor = { before: number };
const isCursor = (v: unknown): v is Cursor => isCursorInteger((v as Cursor)?.before);

/** GET /v1/reports */
export function listReports(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/reports", { schema }, async (request) => {
    const { status = null, limit = 50 } = request.query;
    const before =
      request.query.cursor === undefined
        ? null
        : decodeCursor(request.query.cursor, isCursor).before;
    const [count, page] = await Promise.all([
      pool.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM report WHERE $1::"ReportStatus" IS NULL OR status = $1`,
        [status],
      ),
      pool.query<{
        id: number;
        epoch: number;
        status: (typeof REPORT_STATUSES)[number];
        first_feed_index: number;
        operator_count: number;
        model_hash: string | null;
        tx_hash: string | null;
        created_at: Date;
        proven_at: Date | null;
        posted_at: Date | null;
      }>(
        `SELECT id, epoch, status, first_feed_index, cardinality(operator_ids) AS operator_count, model_hash, tx_hash,
                created_at AT TIME ZONE 'UTC' AS created_at, proven_at AT TIME ZONE 'UTC' AS proven_at, posted_at AT TIME ZONE 'UTC' AS posted_at
         FROM report WHERE ($1::"ReportStatus" IS NULL OR status = $1) AND ($2::int IS NULL OR id < $2)
         ORDER BY id DESC LIMIT $3`,
        [status, before, limit + 1],
      ),
    ]);
    const { rows, nextCursor } = keysetPage(
      page.rows,
      limit,
      (last): Cursor => ({ before: last.id }),
    );
    return {
      total: count.rows[0].total,
      limit,
      nextCursor,
      items: rows.map((r) => ({
        id: r.id,
        epoch: r.epoch,
        status: r.status,
        firstFeedIndex: r.first_feed_index,
        operatorCount: r.operator_count,
        modelHash: r.model_hash,
        txHash: r.tx_hash,
        createdAt: r.created_at.toISOString(),
        provenAt: r.proven_at?.toISOString() ?? null,
        postedAt: r.posted_at?.toISOString() ?? null,
      })),
    };
  });
}
