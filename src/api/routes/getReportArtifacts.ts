import type { FastifyInstance } from "fastify";
import { loadReportArtifacts } from "../../db/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import { ArtifactsMissingError } from "../artifactsMissingError.js";
import type { RouteTypes } from "../fromSchema.js";
import { markImmutable } from "../markImmutable.js";
import { problemResponse, problemResponses } from "../problems.js";
import { reportIdParamsSchema } from "../schemas.js";

export const REPORT_ARTIFACTS_FORMAT = "beacon-risk-oracle/report-artifacts@1";

const str = { type: "string" } as const;

const schema = {
  summary:
    "Everything an auditor needs to verify a proven report offline: inputs, proof, verifying key, settings",
  tags: ["reports"],
  params: reportIdParamsSchema,
  response: {
    200: {
      type: "object",
      required: [
        "format",
        "reportId",
        "epoch",
        "firstFeedIndex",
        "operatorIds",
        "featureVersion",
        "featureNames",
        "features",
        "modelHash",
        "inputCommitment",
        "scoresBps",
        "instances",
        "proof",
        "vk",
        "vkHash",
        "settings",
        "settingsHash",
        "srs",
      ],
      properties: {
        format: { type: "string", const: REPORT_ARTIFACTS_FORMAT },
        reportId: { type: "integer" },
        epoch: { type: "integer" },
        firstFeedIndex: { type: "integer" },
        operatorIds: { type: "array", items: str },
        featureVersion: str,
        featureNames: { type: "array", items: str },
        features: {
          type: "array",
          items: { type: "array", items: { type: "number" } },
          description: "The committed feature vectors, in operatorIds order",
        },
        modelHash: str,
        inputCommitment: str,
        scoresBps: {
          type: "array",
          items: { type: ["integer", "null"] },
          description: "null: a registered feed with no score at the epoch (no data on-chain)",
        },
        instances: { type: "array", items: str },
        proof: { type: "string", description: "base64 of the ezkl proof JSON bytes" },
        vk: { type: "string", description: "base64 of the verifying key" },
        vkHash: { type: "string", description: "sha256 of the verifying key bytes" },
        settings: { type: "string", description: "The circuit settings JSON text" },
        settingsHash: { type: "string", description: "sha256 of the settings bytes" },
        srs: {
          type: "object",
          required: ["k"],
          properties: {
            k: {
              type: "integer",
              description: "log2 of the SRS size; the SRS itself comes from the public ceremony",
            },
          },
        },
      },
    },
    409: problemResponse,
    ...problemResponses,
  },
} as const;

/** GET /v1/reports/:id/artifacts: immutable once the report is proven. */
export function getReportArtifacts(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>(
    "/v1/reports/:id/artifacts",
    { schema },
    async (request, reply) => {
      const { id } = request.params;
      const artifacts = await loadReportArtifacts(pool, id);
      if (artifacts) {
        markImmutable(reply);
        return artifacts;
      }
      // Not served: say why, from the report's state.
      const { rows } = await pool.query<{ status: string; proven: boolean }>(
        `SELECT status, proof IS NOT NULL AS proven FROM report WHERE id = $1`,
        [id],
      );
      const r = rows[0];
      if (!r) throw new ApiError("not-found", `No report with id ${id}`);
      if (r.status === "pending" || !r.proven)
        throw new ApiError("report-not-proven", `Report ${id} is ${r.status} and has no proof yet`);
      // A proven report always references stored artifacts; a miss is a broken database, not a client error.
      throw new ArtifactsMissingError(Number(id));
    },
  );
}
