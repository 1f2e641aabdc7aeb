import type { FastifyInstance } from "fastify";
import { FEATURE_NAMES, FEATURE_VERSION } from "../../features/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import type { RouteTypes } from "../fromSchema.js";
import { markImmutable } from "../markImmutable.js";
import { problemResponses, problemSchema } from "../problems.js";
import { epochSchema } from "../schemas.js";

export const REPORT_ARTIFACTS_FORMAT = "beacon-risk-oracle/report-artifacts@1";

const str = { type: "string" } as const;

const schema = {
  summary: "Everything an auditor needs to verify a proven report offline: inputs, proof, verifying key, settings",
  tags: ["reports"],
  params: { type: "object", required: ["id"], properties: { id: { ...epochSchema, description: "Report id" } } },
  response: {
    200: {
      type: "object",
      required: [
        "format", "reportId", "epoch", "firstFeedIndex", "operatorIds", "featureVersion", "featureNames", "features", "modelHash",
        "inputCommitment", "scoresBps", "instances", "proof", "vk", "vkHash", "settings", "settingsHash", "srs",
      ],
      properties: {
        format: { type: "string", const: REPORT_ARTIFACTS_FORMAT },
        reportId: { type: "integer" },
        epoch: { type: "integer" },
        firstFeedIndex: { type: "integer" },
        operatorIds: { type: "array", items: str },
        featureVersion: str,
        featureNames: { type: "array", items: str, description: "Empty when featureVersion is not the one this server knows" },
        features: { type: "array", items: { type: "array", items: { type: "number" } }, description: "The committed feature vectors, in operatorIds order" },
        modelHash: str,
        inputCommitment: str,
        scoresBps: { type: "array", items: { type: "integer" } },
        instances: { type: "array", items: str },
        proof: { type: "string", description: "base64 of the ezkl proof JSON bytes" },
        vk: { type: "string", description: "base64 of the verifying key" },
        vkHash: { type: "string", description: "sha256 of the verifying key bytes" },
        settings: { type: "string", description: "The circuit settings JSON text" },
        settingsHash: { type: "string", description: "sha256 of the settings bytes" },
        srs: { type: "object", required: ["k"], properties: { k: { type: "integer", description: "log2 of the SRS size; the SRS itself comes from the public ceremony" } } },
      },
    },
    409: problemSchema,
    ...problemResponses,
  },
} as const;

type Row = {
  id: number;
  epoch: number;
  status: string;
  first_feed_index: number;
  operator_ids: string[];
  feature_version: string;
  features: number[][];
  model_hash: string;
  input_commitment: string;
  scores_bps: number[];
  instances: string[];
  proof: Buffer | null;
  vk_hash: string;
  settings_hash: string;
  srs_k: number;
  vk: Buffer | null;
  settings: Buffer | null;
};

/** GET /v1/reports/:id/artifacts: immutable once the report is proven. */
export function getReportArtifacts(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/reports/:id/artifacts", { schema }, async (request, reply) => {
    const { id } = request.params;
    const { rows } = await pool.query<Row>(
      `SELECT r.id, r.epoch, r.status, r.first_feed_index, r.operator_ids, r.feature_version, r.features, r.model_hash, r.input_commitment,
              r.scores_bps, r.instances, r.proof, r.vk_hash, r.settings_hash, r.srs_k, vk.bytes AS vk, st.bytes AS settings
       FROM report r
       LEFT JOIN proving_artifact vk ON vk.sha256 = r.vk_hash
       LEFT JOIN proving_artifact st ON st.sha256 = r.settings_hash
       WHERE r.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) throw new ApiError("not-found", `No report with id ${id}`);
    if (r.status === "pending" || r.proof === null) throw new ApiError("report-not-proven", `Report ${id} is ${r.status} and has no proof yet`);
    // A proven report always references stored artifacts; a miss is a broken database, not a client error.
    if (r.vk === null) throw new Error(`Report ${id}: verifying key ${r.vk_hash} is not in proving_artifact`);
    if (r.settings === null) throw new Error(`Report ${id}: settings ${r.settings_hash} are not in proving_artifact`);
    markImmutable(reply);
    return {
      format: REPORT_ARTIFACTS_FORMAT,
      reportId: r.id,
      epoch: r.epoch,
      firstFeedIndex: r.first_feed_index,
      operatorIds: r.operator_ids,
      featureVersion: r.feature_version,
      featureNames: r.feature_version === FEATURE_VERSION ? FEATURE_NAMES : [],
      features: r.features,
      modelHash: r.model_hash,
      inputCommitment: r.input_commitment,
      scoresBps: r.scores_bps,
      instances: r.instances,
      proof: r.proof.toString("base64"),
      vk: r.vk.toString("base64"),
      vkHash: r.vk_hash,
      settings: r.settings.toString("utf8"),
      settingsHash: r.settings_hash,
      srs: { k: r.srs_k },
    };
  });
}
