import type { FastifyInstance } from "fastify";
import { latestIngestedEpoch, loadFinalizedHead } from "../../db/index.js";
// The file, not the ingest index: that one loads the beacon client, which the API never uses.
import { lastIngestableEpoch } from "../../ingest/epochSlots.js";
import type { ApiContext } from "../apiContext.js";
import type { RouteTypes } from "../fromSchema.js";
import { problemResponses } from "../problems.js";
import { epochSchema } from "../schemas.js";

const int = { type: "integer" } as const;
const num = { type: "number" } as const;
const NETWORK_FIELDS = {
  finalizedCheckpointEpoch: int,
  stateSlot: int,
  validatorCount: int,
  activeValidators: int,
  totalBalanceGwei: num,
  effectiveBalanceGwei: num,
  balanceDeltaGwei: num,
  sourceEarned: num,
  sourceIdeal: num,
  targetEarned: num,
  targetIdeal: num,
  headEarned: num,
  headIdeal: num,
  inactivityPenalty: num,
  attestationDuties: int,
  sourceMisses: int,
  targetMisses: int,
  headMisses: int,
  proposalDuties: int,
  proposalsProduced: int,
  syncDuties: int,
  syncParticipated: int,
  exitedValidators: int,
  newlySlashed: int,
  slashingOperations: int,
  ingestMs: int,
} as const;

const schema = {
  summary: "Ingestion status of an epoch and the network's figures for it",
  tags: ["epochs"],
  params: { type: "object", required: ["epoch"], properties: { epoch: epochSchema } },
  response: {
    200: {
      type: "object",
      required: [
        "epoch",
        "ingested",
        "finalized",
        "finalizedEpoch",
        "lastIngestableEpoch",
        "latestIngestedEpoch",
        "scored",
        "network",
      ],
      properties: {
        epoch: int,
        ingested: { type: "boolean", description: "Every table of the epoch is stored" },
        finalized: {
          type: ["boolean", "null"],
          description: "The epoch is at or before the finalized head; null while no head is known",
        },
        finalizedEpoch: {
          type: ["integer", "null"],
          description: "Latest finalized epoch the follower has seen",
        },
        lastIngestableEpoch: {
          type: ["integer", "null"],
          description: "finalizedEpoch − 2: the newest epoch whose data is final",
        },
        latestIngestedEpoch: { type: ["integer", "null"] },
        scored: { type: "boolean", description: "Operators were scored at this epoch" },
        network: {
          type: ["object", "null"],
          description: "Network-wide sums of the epoch (null until it is ingested)",
          required: [...Object.keys(NETWORK_FIELDS), "ingestedAt"],
          properties: { ...NETWORK_FIELDS, ingestedAt: { type: "string", format: "date-time" } },
        },
      },
    },
    ...problemResponses,
  },
} as const;

type NetworkRow = { [K in keyof typeof NETWORK_FIELDS]: number } & { ingestedAt: Date };

/** GET /v1/epochs/:epoch */
export function getEpoch(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/epochs/:epoch", { schema }, async (request) => {
    const { epoch } = request.params;
    const [head, latest, row] = await Promise.all([
      loadFinalizedHead(pool),
      latestIngestedEpoch(pool),
      pool.query<{ scored: boolean; network: NetworkRow | null }>(
        // Column names come from the schema, so the figures and their documentation cannot drift.
        `SELECT EXISTS (SELECT 1 FROM score_run WHERE epoch = $1) AS scored,
                (SELECT json_build_object(${Object.keys(NETWORK_FIELDS)
                  .map((k) => `'${k}', e.${snake(k)}`)
                  .join(", ")},
                                          'ingestedAt', e.ingested_at AT TIME ZONE 'UTC')
                 FROM epoch e WHERE e.epoch = $1) AS network`,
        [epoch],
      ),
    ]);
    const { scored, network } = row.rows[0];
    const finalizedEpoch = head?.finalizedEpoch ?? null;
    return {
      epoch,
      ingested: network !== null,
      finalized: finalizedEpoch === null ? null : epoch <= finalizedEpoch,
      finalizedEpoch,
      lastIngestableEpoch: finalizedEpoch === null ? null : lastIngestableEpoch(finalizedEpoch),
      latestIngestedEpoch: latest,
      scored,
      network:
        network === null
          ? null
          : { ...network, ingestedAt: new Date(network.ingestedAt).toISOString() },
    };
  });
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
