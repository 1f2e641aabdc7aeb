import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import type { RouteTypes } from "../fromSchema.js";
import { problemResponses } from "../problems.js";
import { reportIdParamsSchema, timestampSchema } from "../schemas.js";
import { REPORT_STATUSES } from "./listReports.js";

const nullableString = { type: ["string", "null"] } as const;
const nullableInt = { type: ["integer", "null"] } as const;

const schema = {
  summary:
    "A report: its operators and scores, proof commitments, attestations and on-chain transaction",
  tags: ["reports"],
  params: reportIdParamsSchema,
  response: {
    200: {
      type: "object",
      required: [
        "id",
        "epoch",
        "status",
        "firstFeedIndex",
        "operators",
        "modelSha256",
        "featureVersion",
        "modelHash",
        "inputCommitment",
        "instances",
        "proofBytes",
        "vkHash",
        "settingsHash",
        "srsK",
        "proveMs",
        "chainId",
        "oracle",
        "digest",
        "txHash",
        "blockNumber",
        "gasUsed",
        "onchainReportId",
        "error",
        "createdAt",
        "provenAt",
        "postedAt",
        "attestations",
      ],
      properties: {
        id: { type: "integer" },
        epoch: { type: "integer" },
        status: { type: "string", enum: REPORT_STATUSES },
        firstFeedIndex: {
          type: "integer",
          description:
            "The report covers feeds [firstFeedIndex, firstFeedIndex + operators.length)",
        },
        operators: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "feedIndex", "scoreBps"],
            properties: {
              id: { type: "string" },
              feedIndex: { type: "integer" },
              scoreBps: {
                type: ["integer", "null"],
                description: "Proven score; null until proven",
              },
            },
          },
        },
        modelSha256: { type: "string" },
        featureVersion: { type: "string" },
        modelHash: {
          ...nullableString,
          description:
            "Circuit Poseidon hash of the model parameters (public instance 1, after the input commitment)",
        },
        inputCommitment: nullableString,
        instances: {
          type: ["array", "null"],
          items: { type: "string" },
          description: "Public instances as ezkl writes them (hex little-endian field elements)",
        },
        proofBytes: {
          ...nullableInt,
          description: "Size of the proof; fetch it from /v1/reports/{id}/artifacts",
        },
        vkHash: nullableString,
        settingsHash: nullableString,
        srsK: nullableInt,
        proveMs: nullableInt,
        chainId: nullableInt,
        oracle: nullableString,
        digest: { ...nullableString, description: "EIP-712 digest the attesters signed" },
        txHash: nullableString,
        blockNumber: nullableInt,
        gasUsed: nullableInt,
        onchainReportId: nullableInt,
        error: nullableString,
        createdAt: { type: "string", format: "date-time" },
        provenAt: timestampSchema,
        postedAt: timestampSchema,
        attestations: {
          type: "array",
          items: {
            type: "object",
            required: ["attester", "signature", "refusal", "createdAt"],
            properties: {
              attester: { type: "string" },
              signature: nullableString,
              refusal: nullableString,
              createdAt: { type: "string", format: "date-time" },
            },
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

type Row = {
  id: number;
  epoch: number;
  status: (typeof REPORT_STATUSES)[number];
  first_feed_index: number;
  operator_ids: string[];
  scores_bps: number[] | null;
  model_sha256: string;
  feature_version: string;
  model_hash: string | null;
  input_commitment: string | null;
  instances: string[] | null;
  proof_bytes: number | null;
  vk_hash: string | null;
  settings_hash: string | null;
  srs_k: number | null;
  prove_ms: number | null;
  chain_id: number | null;
  oracle: string | null;
  digest: string | null;
  tx_hash: string | null;
  block_number: string | null;
  gas_used: string | null;
  onchain_report_id: number | null;
  error: string | null;
  created_at: Date;
  proven_at: Date | null;
  posted_at: Date | null;
  attestations: {
    attester: string;
    signature: string | null;
    refusal: string | null;
    createdAt: string;
  }[];
};

/** GET /v1/reports/:id (the proof itself is served by /v1/reports/:id/artifacts). */
export function getReport(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/reports/:id", { schema }, async (request) => {
    const { rows } = await pool.query<Row>(
      `SELECT r.id, r.epoch, r.status, r.first_feed_index, r.operator_ids, r.scores_bps, r.model_sha256, r.feature_version, r.model_hash,
              r.input_commitment, r.instances, octet_length(r.proof) AS proof_bytes, r.vk_hash, r.settings_hash, r.srs_k, r.prove_ms, r.chain_id,
              r.oracle, r.digest, r.tx_hash, r.block_number, r.gas_used, r.onchain_report_id, r.error,
              r.created_at AT TIME ZONE 'UTC' AS created_at, r.proven_at AT TIME ZONE 'UTC' AS proven_at, r.posted_at AT TIME ZONE 'UTC' AS posted_at,
              (SELECT coalesce(json_agg(json_build_object('attester', a.attester, 'signature', a.signature, 'refusal', a.refusal,
                                                          'createdAt', a.created_at AT TIME ZONE 'UTC') ORDER BY a.attester), '[]'::json)
               FROM report_attestation a WHERE a.report_id = r.id) AS attestations
       FROM report r WHERE r.id = $1`,
      [request.params.id],
    );
    const r = rows[0];
    if (!r) throw new ApiError("not-found", `No report with id ${request.params.id}`);
    // Never immutable: a posted report's transaction can still be reorganised out of the chain
    // (the poster records confirmations, not finality), and the API does not read the chain.
    return {
      id: r.id,
      epoch: r.epoch,
      status: r.status,
      firstFeedIndex: r.first_feed_index,
      operators: r.operator_ids.map((id, i) => ({
        id,
        feedIndex: r.first_feed_index + i,
        scoreBps: r.scores_bps?.[i] ?? null,
      })),
      modelSha256: r.model_sha256,
      featureVersion: r.feature_version,
      modelHash: r.model_hash,
      inputCommitment: r.input_commitment,
      instances: r.instances,
      proofBytes: r.proof_bytes,
      vkHash: r.vk_hash,
      settingsHash: r.settings_hash,
      srsK: r.srs_k,
      proveMs: r.prove_ms,
      chainId: r.chain_id,
      oracle: r.oracle,
      digest: r.digest,
      txHash: r.tx_hash,
      blockNumber: r.block_number === null ? null : Number(r.block_number),
      gasUsed: r.gas_used === null ? null : Number(r.gas_used),
      onchainReportId: r.onchain_report_id,
      error: r.error,
      createdAt: r.created_at.toISOString(),
      provenAt: r.proven_at?.toISOString() ?? null,
      postedAt: r.posted_at?.toISOString() ?? null,
      attestations: r.attestations.map((a) => ({
        ...a,
        createdAt: new Date(a.createdAt).toISOString(),
      })),
    };
  });
}
