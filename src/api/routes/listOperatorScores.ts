import type { FastifyInstance } from "fastify";
import { latestScoredEpoch } from "../../db/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import { decodeCursor } from "../decodeCursor.js";
import type { RouteTypes } from "../fromSchema.js";
import { isCursorInteger } from "../isCursorInteger.js";
import { keysetPage } from "../keysetPage.js";
import { markImmutable } from "../markImmutable.js";
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
  summary: "An operator's score history over a range of epochs, newest first",
  tags: ["operators"],
  params: { type: "object", required: ["id"], properties: { id: operatorIdSchema } },
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: {
      from: { ...epochSchema, description: "First epoch, inclusive (default 0)" },
      to: {
        ...epochSchema,
        description:
          "Last epoch, inclusive (default: no bound). With a `to` before the latest scoring epoch the answer never changes",
      },
      limit: limitSchema,
      cursor: cursorSchema,
    },
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
            required: [
              "epoch",
              "scoreBps",
              "grade",
              "probability",
              "modelSha256",
              "featureVersion",
              "features",
              "validators",
              "stakeGwei",
            ],
            properties: {
              epoch: { type: "integer" },
              scoreBps: { type: "integer" },
              grade: { type: "string" },
              probability: { type: "number" },
              modelSha256: { type: "string" },
              featureVersion: { type: "string" },
              features: { type: "array", items: { type: "number" } },
              validators: { type: "integer" },
              stakeGwei: { type: "number" },
            },
          },
          "Scores in [from, to] (all pages)",
        ),
      },
    },
    ...problemResponses,
  },
} as const;

type Cursor = { before: number };
const isCursor = (v: unknown): v is Cursor => isCursorInteger((v as Cursor)?.before);

/** GET /v1/operators/:id/scores */
export function listOperatorScores(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>(
    "/v1/operators/:id/scores",
    { schema },
    async (request, reply) => {
      const { id } = request.params;
      const { from = 0, to = 2_147_483_647, limit = 50 } = request.query;
      if (from > to)
        throw new ApiError(
          "invalid-parameter",
          `Query parameter "from" (${from}) must not exceed "to" (${to})`,
          { parameter: "from", in: "query" },
        );
      // The next page continues below the last epoch returned, never above `to`.
      const upper =
        request.query.cursor === undefined
          ? to
          : Math.min(to, decodeCursor(request.query.cursor, isCursor).before - 1);

      const [head, page, latest] = await Promise.all([
        pool.query<{ known: boolean; total: number }>(
          `SELECT EXISTS (SELECT 1 FROM operator WHERE id = $1) AS known,
                (SELECT count(*)::int FROM operator_score WHERE operator_id = $1 AND epoch BETWEEN $2 AND $3) AS total`,
          [id, from, to],
        ),
        pool.query<{
          epoch: number;
          score_bps: number;
          grade: string;
          probability: number;
          model_sha256: string;
          feature_version: string;
          features: number[];
          validators: number;
          stake_gwei: number;
        }>(
          `SELECT epoch, score_bps, grade, probability, model_sha256, feature_version, features, validators, stake_gwei
         FROM operator_score WHERE operator_id = $1 AND epoch BETWEEN $2 AND $3
         ORDER BY epoch DESC LIMIT $4`,
          [id, from, upper, limit + 1],
        ),
        request.query.to === undefined ? null : latestScoredEpoch(pool),
      ]);
      if (!head.rows[0].known)
        throw new ApiError("not-found", `No operator with id ${JSON.stringify(id)}`);
      const { rows, nextCursor } = keysetPage(
        page.rows,
        limit,
        (last): Cursor => ({ before: last.epoch }),
      );
      // Scores of an epoch are written once, whole, with its run: a range that ends before the
      // newest run is final.
      if (latest !== null && to < latest) markImmutable(reply);
      return {
        operatorId: id,
        total: head.rows[0].total,
        limit,
        nextCursor,
        items: rows.map((r) => ({
          epoch: r.epoch,
          scoreBps: r.score_bps,
          grade: r.grade,
          probability: r.probability,
          modelSha256: r.model_sha256,
          featureVersion: r.feature_version,
          features: r.features,
          validators: r.validators,
          stakeGwei: r.stake_gwei,
        })),
      };
    },
  );
}
