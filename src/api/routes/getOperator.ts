import type { FastifyInstance } from "fastify";
import { FEATURE_NAMES, FEATURE_VERSION } from "../../features/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import { createBatchLoader } from "../createBatchLoader.js";
import { createDataVersionWatch } from "../createDataVersionWatch.js";
import type { RouteTypes } from "../fromSchema.js";
import { problemResponses } from "../problems.js";
import { explainScore, explanationSchema, lossSchema } from "../explainScore.js";
import { featuresSchema, operatorIdSchema } from "../schemas.js";

const schema = {
  summary: "An operator's latest score, grade, probability and feature vector",
  tags: ["operators"],
  params: { type: "object", required: ["id"], properties: { id: operatorIdSchema } },
  response: {
    200: {
      type: "object",
      required: ["id", "name", "pool", "score", "latestReport"],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        pool: {
          type: ["object", "null"],
          required: ["id", "name"],
          properties: { id: { type: "string" }, name: { type: "string" } },
        },
        score: {
          type: ["object", "null"],
          description: "The operator's newest score; null when it was never scored",
          required: [
            "epoch",
            "scoreBps",
            "grade",
            "probability",
            "modelSha256",
            "validators",
            "stakeGwei",
            "features",
          ],
          properties: {
            epoch: { type: "integer" },
            scoreBps: { type: "integer" },
            grade: { type: "string" },
            probability: { type: "number" },
            modelSha256: { type: "string" },
            validators: { type: "integer" },
            stakeGwei: { type: "number" },
            features: featuresSchema,
            explanation: explanationSchema,
            loss: lossSchema,
          },
        },
        latestReport: {
          type: ["object", "null"],
          description: "The newest report (highest epoch) whose batch contains the operator",
          required: ["id", "epoch", "status"],
          properties: {
            id: { type: "integer" },
            epoch: { type: "integer" },
            status: { type: "string" },
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

type Row = {
  id: string;
  name: string;
  pool_id: string | null;
  pool_name: string | null;
  epoch: number | null;
  score_bps: number;
  probability: number;
  grade: string;
  model_sha256: string;
  feature_version: string;
  features: number[];
  validators: number;
  stake_gwei: number;
  contributions: number[] | null;
  loss: Record<string, unknown> | null;
  prev_epoch: number | null;
  prev_score_bps: number | null;
  prev_contributions: number[] | null;
  report_id: number | null;
  report_epoch: number;
  report_status: string;
};

/**
 * The API's hottest query, one named (prepared) statement for a batch of ids: primary-key lookups
 * of each operator and its pool; its newest score by a backward scan of operator_score's
 * (operator_id, epoch) key; and its newest report. Reports cover contiguous feed ranges, so the
 * report of the newest report epoch holding the operator's feed index is one probe of the
 * (epoch, first_feed_index) key; only an operator missing from that epoch falls back to the GIN
 * index on operator_ids (reading every report that ever held it).
 */
const OPERATORS_QUERY = `
  SELECT o.id, o.name, o.pool_id, p.name AS pool_name,
         s.epoch, s.score_bps, s.probability, s.grade, s.model_sha256, s.feature_version, s.features, s.validators, s.stake_gwei, s.contributions, s.loss,
         ps.epoch AS prev_epoch, ps.score_bps AS prev_score_bps, ps.contributions AS prev_contributions,
         coalesce(n.id, g.id) AS report_id, coalesce(n.epoch, g.epoch) AS report_epoch, coalesce(n.status, g.status) AS report_status
  FROM operator o
  LEFT JOIN pool p ON p.id = o.pool_id
  LEFT JOIN LATERAL (SELECT epoch, score_bps, probability, grade, model_sha256, feature_version, features, validators, stake_gwei, contributions, loss
                     FROM operator_score WHERE operator_id = o.id ORDER BY epoch DESC LIMIT 1) s ON true
  LEFT JOIN LATERAL (SELECT epoch, score_bps, contributions FROM operator_score
                     WHERE operator_id = o.id AND epoch < s.epoch ORDER BY epoch DESC LIMIT 1) ps ON true
  LEFT JOIN feed f ON f.kind = 'operator' AND f.ref_id = o.id
  LEFT JOIN LATERAL (SELECT r.id, r.epoch, r.status, r.first_feed_index, cardinality(r.operator_ids) AS size FROM report r
                     WHERE r.epoch = (SELECT max(epoch) FROM report) AND r.first_feed_index <= f.feed_index
                     ORDER BY r.first_feed_index DESC LIMIT 1) n ON n.first_feed_index + n.size > f.feed_index
  LEFT JOIN LATERAL (SELECT id, epoch, status FROM report
                     WHERE n.id IS NULL AND operator_ids @> ARRAY[o.id]
                     ORDER BY epoch DESC, id DESC LIMIT 1) g ON true
  WHERE o.id = ANY($1::text[])`;

/** GET /v1/operators/:id */
export function getOperator(app: FastifyInstance, { pool, config }: ApiContext): void {
  // Concurrent requests share one query (see createBatchLoader): under load that is most of the cost.
  const loadOperator = createBatchLoader<string, Row>({
    loadMany: async (ids) => {
      const { rows } = await pool.query<Row>({
        name: "api_get_operators",
        text: OPERATORS_QUERY,
        values: [ids],
      });
      return new Map(rows.map((r) => [r.id, r]));
    },
    // Small enough that the planner's cost for a batch stays far below jit_above_cost: compiling
    // a plan with LLVM would take longer than running it.
    maxBatch: 64,
  });
  // Serialized answers, valid until the data they come from changes (checked every API_CACHE_REFRESH_MS).
  const cache = new Map<string, string>();
  if (config.API_CACHE_REFRESH_MS > 0) {
    const watch = createDataVersionWatch({
      pool,
      intervalMs: config.API_CACHE_REFRESH_MS,
      onChange: () => cache.clear(),
    });
    app.addHook("onClose", async () => watch.close());
  }
  app.get<RouteTypes<typeof schema>>("/v1/operators/:id", { schema }, async (request, reply) => {
    const cached = cache.get(request.params.id);
    // A string payload is sent as is: serialized once, when it was cached.
    if (cached !== undefined)
      return reply.type("application/json; charset=utf-8").send(cached as never);
    const r = await loadOperator(request.params.id);
    if (!r)
      throw new ApiError("not-found", `No operator with id ${JSON.stringify(request.params.id)}`);
    const body = String(
      reply.serialize({
        id: r.id,
        name: r.name,
        pool: r.pool_id === null ? null : { id: r.pool_id, name: r.pool_name ?? r.pool_id },
        score:
          r.epoch === null
            ? null
            : {
                epoch: r.epoch,
                scoreBps: r.score_bps,
                grade: r.grade,
                probability: r.probability,
                modelSha256: r.model_sha256,
                validators: r.validators,
                stakeGwei: r.stake_gwei,
                features: {
                  version: r.feature_version,
                  names: r.feature_version === FEATURE_VERSION ? FEATURE_NAMES : null,
                  values: r.features,
                },
                explanation: explainScore({
                  featureVersion: r.feature_version,
                  scoreBps: r.score_bps,
                  contributions: r.contributions,
                  previous:
                    r.prev_epoch === null
                      ? null
                      : {
                          epoch: r.prev_epoch,
                          scoreBps: r.prev_score_bps ?? 0,
                          contributions: r.prev_contributions,
                        },
                }),
                loss: r.loss,
              },
        latestReport:
          r.report_id === null
            ? null
            : { id: r.report_id, epoch: r.report_epoch, status: r.report_status },
      }),
    );
    if (config.API_CACHE_REFRESH_MS > 0) cache.set(r.id, body);
    return reply.type("application/json; charset=utf-8").send(body as never);
  });
}
