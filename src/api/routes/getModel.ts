import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { FEATURE_NAMES, FEATURE_VERSION } from "../../features/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import type { RouteTypes } from "../fromSchema.js";
import { problemResponses } from "../problems.js";

const schema = {
  summary:
    "The scoring model: its card, file hash, feature set, and the circuit hash of the newest proven report",
  tags: ["model"],
  response: {
    200: {
      type: "object",
      required: [
        "card",
        "modelSha256",
        "cardMatchesModel",
        "featureVersion",
        "featureNames",
        "circuitModelHash",
        "circuitModelHashReportId",
      ],
      properties: {
        card: {
          type: "object",
          additionalProperties: true,
          description: "The model card (data, features, metrics, baselines) as trained",
        },
        modelSha256: { type: "string", description: "sha256 of the ONNX file at MODEL_PATH" },
        cardMatchesModel: { type: "boolean", description: "The card's modelSha256 is the file's" },
        featureVersion: { type: "string", description: "Feature set this server's code computes" },
        featureNames: { type: "array", items: { type: "string" } },
        circuitModelHash: {
          type: ["string", "null"],
          description:
            "Poseidon model hash (public instance 1, after the input commitment) of the newest proven report",
        },
        circuitModelHashReportId: { type: ["integer", "null"] },
      },
    },
    ...problemResponses,
  },
} as const;

type ModelFiles = { card: Record<string, unknown>; modelSha256: string };

/** GET /v1/model */
export function getModel(app: FastifyInstance, { pool, config }: ApiContext): void {
  const readModel = modelFilesReader(config.MODEL_PATH);
  app.get<RouteTypes<typeof schema>>("/v1/model", { schema }, async () => {
    const [files, proven] = await Promise.all([
      readModel(),
      pool.query<{ id: number; model_hash: string | null }>(
        `SELECT id, model_hash FROM report WHERE status IN ('proven', 'posted') AND model_hash IS NOT NULL ORDER BY proven_at DESC NULLS LAST, id DESC LIMIT 1`,
      ),
    ]);
    return {
      card: files.card,
      modelSha256: files.modelSha256,
      cardMatchesModel: files.card.modelSha256 === files.modelSha256,
      featureVersion: FEATURE_VERSION,
      featureNames: FEATURE_NAMES,
      circuitModelHash: proven.rows[0]?.model_hash ?? null,
      circuitModelHashReportId: proven.rows[0]?.id ?? null,
    };
  });
}

/**
 * The model file's hash and its card, read again only when either file changes on disk (a
 * retrained model can be dropped in without restarting the API).
 */
function modelFilesReader(modelPath: string): () => Promise<ModelFiles> {
  const cardPath = modelPath.replace(/\.onnx$/, "") + ".card.json";
  let cached: { key: string; files: ModelFiles } | undefined;
  return async () => {
    let key: string;
    try {
      const [m, c] = await Promise.all([stat(modelPath), stat(cardPath)]);
      key = `${m.mtimeMs}:${m.size}:${c.mtimeMs}:${c.size}`;
    } catch {
      throw new ApiError("not-found", "The model or its card is not installed on this server");
    }
    if (cached?.key !== key) {
      const [bytes, card] = await Promise.all([readFile(modelPath), readFile(cardPath, "utf8")]);
      cached = {
        key,
        files: {
          card: JSON.parse(card) as Record<string, unknown>,
          modelSha256: createHash("sha256").update(bytes).digest("hex"),
        },
      };
    }
    return cached.files;
  };
}
