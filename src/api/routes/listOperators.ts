import type { FastifyInstance } from "fastify";
import { latestScoredEpoch } from "../../db/index.js";
// riskGrade.js directly: the scoring index loads onnxruntime, which the API never needs.
import { MAX_SCORE_BPS } from "../../report/constants.js";
import { GRADE_BANDS } from "../../scoring/riskGrade.js";
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

const SORTS = ["score_desc", "score_asc", "id"] as const;
type Sort = (typeof SORTS)[number];

export const operatorSummarySchema = {
  type: "object",
  required: ["id", "name", "poolId", "scoreBps", "grade", "probability", "validators", "stakeGwei"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    poolId: { type: ["string", "null"] },
    scoreBps: {
      type: "integer",
      description:
        "Expected performance shortfall over the next 30 days, bp of stake (0..100): the on-chain score",
    },
    grade: { type: "string", description: "Band of the probability (GRADE_BANDS)" },
    probability: {
      type: "number",
      description: "Probability of a severe loss (slashing, or ≥ 3 bp of stake) within 30 days",
    },
    validators: { type: "integer" },
    stakeGwei: { type: "number" },
  },
} as const;

const schema = {
  summary: "Operators scored at one scoring epoch (the latest by default)",
  tags: ["operators"],
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: {
      pool: { ...operatorIdSchema, description: "Only operators of this pool" },
      grade: {
        type: "string",
        enum: GRADE_BANDS.map((b) => b.grade),
        description: "Only operators with this grade",
      },
      minScore: {
        type: "integer",
        minimum: 0,
        maximum: MAX_SCORE_BPS,
        description: "Lowest score (bps), inclusive",
      },
      maxScore: {
        type: "integer",
        minimum: 0,
        maximum: MAX_SCORE_BPS,
        description: "Highest score (bps), inclusive",
      },
      epoch: {
        ...epochSchema,
        description:
          "Scoring epoch; defaults to the latest. A past epoch's scores never change (names and pools are today's)",
      },
      sort: {
        type: "string",
        enum: SORTS,
        default: "score_desc",
        description: "score_desc (riskiest first), score_asc or id; ties by id",
      },
      limit: limitSchema,
      cursor: cursorSchema,
    },
  },
  response: {
    200: {
      type: "object",
      required: ["epoch", ...pageRequired],
      properties: {
        epoch: {
          type: ["integer", "null"],
          description: "Scoring epoch of every item; null before the first scoring run",
        },
        ...pageProperties(
          operatorSummarySchema,
          "Operators matching the filters at this epoch (all pages)",
        ),
      },
    },
    ...problemResponses,
  },
} as const;

/** The cursor pins the scoring epoch and the sort, so every page comes from the same run. */
type Cursor = { e: number; s: Sort; k: [number, string] };
const isCursor = (v: unknown): v is Cursor => {
  const c = v as Cursor;
  return (
    isCursorInteger(c?.e) &&
    SORTS.includes(c.s) &&
    Array.isArray(c.k) &&
    c.k.length === 2 &&
    isCursorInteger(c.k[0]) &&
    typeof c.k[1] === "string" &&
    c.k[1].length > 0 &&
    c.k[1].length <= 256
  );
};

/** GET /v1/operators: filter, sort and page the operators of one scoring run (keyset cursor). */
export function listOperators(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/operators", { schema }, async (request) => {
    const q = request.query;
    const sort = q.sort ?? "score_desc";
    const limit = q.limit ?? 50;
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isCursor);
    if (cursor && cursor.s !== sort)
      throw new ApiError(
        "invalid-parameter",
        'Query parameter "cursor" belongs to another sort order',
        { parameter: "cursor", in: "query" },
      );
    if (cursor && q.epoch !== undefined && cursor.e !== q.epoch)
      throw new ApiError("invalid-parameter", 'Query parameter "cursor" belongs to another epoch', {
        parameter: "cursor",
        in: "query",
      });
    if (q.minScore !== undefined && q.maxScore !== undefined && q.minScore > q.maxScore) {
      throw new ApiError(
        "invalid-parameter",
        'Query parameter "minScore" must not exceed "maxScore"',
        { parameter: "minScore", in: "query" },
      );
    }

    const latest = await latestScoredEpoch(pool);
    const epoch = cursor?.e ?? q.epoch ?? latest;
    if (epoch === null) return { epoch: null, total: 0, limit, nextCursor: null, items: [] };
    if (q.epoch !== undefined && !(await hasScoreRun(pool, q.epoch)))
      throw new ApiError("not-found", `No scoring run at epoch ${q.epoch}`);

    const values: unknown[] = [epoch];
    const where = ["s.epoch = $1"];
    const add = (sql: string, value: unknown) =>
      where.push(sql.replace("?", `$${values.push(value)}`));
    if (q.pool !== undefined) add("o.pool_id = ?", q.pool);
    if (q.grade !== undefined) add("s.grade = ?", q.grade);
    if (q.minScore !== undefined) add("s.score_bps >= ?", q.minScore);
    if (q.maxScore !== undefined) add("s.score_bps <= ?", q.maxScore);
    const from = `FROM operator_score s JOIN operator o ON o.id = s.operator_id WHERE ${where.join(" AND ")}`;

    const pageValues = [...values];
    let after = "";
    if (cursor) {
      const id = `$${pageValues.push(cursor.k[1])}`;
      const score = sort === "id" ? "" : `$${pageValues.push(cursor.k[0])}`;
      after =
        sort === "id"
          ? ` AND s.operator_id > ${id}`
          : sort === "score_asc"
            ? ` AND (s.score_bps, s.operator_id) > (${score}, ${id})`
            : ` AND (s.score_bps < ${score} OR (s.score_bps = ${score} AND s.operator_id > ${id}))`;
    }
    const order =
      sort === "id"
        ? "s.operator_id"
        : sort === "score_asc"
          ? "s.score_bps, s.operator_id"
          : "s.score_bps DESC, s.operator_id";
    const [count, page] = await Promise.all([
      pool.query<{ total: number }>(`SELECT count(*)::int AS total ${from}`, values),
      pool.query<{
        id: string;
        name: string;
        pool_id: string | null;
        score_bps: number;
        grade: string;
        probability: number;
        validators: number;
        stake_gwei: number;
      }>(
        `SELECT s.operator_id AS id, o.name, o.pool_id, s.score_bps, s.grade, s.probability, s.validators, s.stake_gwei
         ${from}${after} ORDER BY ${order} LIMIT $${pageValues.push(limit + 1)}`,
        pageValues,
      ),
    ]);
    const { rows, nextCursor } = keysetPage(
      page.rows,
      limit,
      (last): Cursor => ({ e: epoch, s: sort, k: [last.score_bps, last.id] }),
    );
    // Never immutable, not even for a past epoch: names and pool ids are today's (an operator import changes them).
    return {
      epoch,
      total: count.rows[0].total,
      limit,
      nextCursor,
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        poolId: r.pool_id,
        scoreBps: r.score_bps,
        grade: r.grade,
        probability: r.probability,
        validators: r.validators,
        stakeGwei: r.stake_gwei,
      })),
    };
  });
}

async function hasScoreRun(pool: ApiContext["pool"], epoch: number): Promise<boolean> {
  const { rowCount } = await pool.query("SELECT 1 FROM score_run WHERE epoch = $1", [epoch]);
  return (rowCount ?? 0) > 0;
}
