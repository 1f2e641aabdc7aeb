import type { FastifyInstance } from "fastify";
import { loadValidatorEpochs } from "../../db/index.js";
import type { ApiContext } from "../apiContext.js";
import { ApiError } from "../apiError.js";
import type { RouteTypes } from "../fromSchema.js";
import { problemResponses } from "../problems.js";
import { epochSchema } from "../schemas.js";

const nullableEpoch = { type: ["integer", "null"] } as const;
const MAX_EPOCHS = 225;

/**
 * The largest index the packed per-epoch arrays can address: the balance of validator i starts at
 * byte 8i, a PostgreSQL integer offset (2^31 − 1). Mainnet has about 2^21 validators.
 */
const MAX_VALIDATOR_INDEX = 268_435_455;

const schema = {
  summary:
    "A validator's registry entry, operator, and performance in the most recent stored epochs",
  tags: ["validators"],
  params: {
    type: "object",
    required: ["index"],
    properties: {
      index: { ...epochSchema, maximum: MAX_VALIDATOR_INDEX, description: "Validator index" },
    },
  },
  querystring: {
    type: "object",
    additionalProperties: false,
    properties: {
      epochs: {
        type: "integer",
        minimum: 1,
        maximum: MAX_EPOCHS,
        default: 10,
        description: `How many of the newest stored epochs to show (1..${MAX_EPOCHS})`,
      },
    },
  },
  response: {
    200: {
      type: "object",
      required: [
        "index",
        "pubkey",
        "withdrawalCredentials",
        "status",
        "slashed",
        "activationEligibilityEpoch",
        "activationEpoch",
        "exitEpoch",
        "withdrawableEpoch",
        "effectiveBalanceGwei",
        "updatedEpoch",
        "operator",
        "performance",
        "proposals",
        "slashings",
      ],
      properties: {
        index: { type: "integer" },
        pubkey: { type: "string" },
        withdrawalCredentials: { type: "string" },
        status: { type: "string", description: "Beacon API status at updatedEpoch" },
        slashed: { type: "boolean" },
        activationEligibilityEpoch: nullableEpoch,
        activationEpoch: nullableEpoch,
        exitEpoch: nullableEpoch,
        withdrawableEpoch: nullableEpoch,
        effectiveBalanceGwei: { type: "number" },
        updatedEpoch: { type: "integer" },
        operator: {
          type: ["object", "null"],
          required: ["id", "name", "poolId"],
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            poolId: { type: ["string", "null"] },
          },
        },
        performance: {
          type: "object",
          required: [
            "epochs",
            "dutyEpochs",
            "sourceHits",
            "targetHits",
            "headHits",
            "rewardsGwei",
            "items",
          ],
          properties: {
            epochs: { type: "integer", description: "Epochs shown" },
            dutyEpochs: {
              type: "integer",
              description: "Of those, epochs with an attestation duty",
            },
            sourceHits: { type: "integer" },
            targetHits: { type: "integer" },
            headHits: { type: "integer" },
            rewardsGwei: {
              type: "integer",
              description: "Sum of attestation rewards and penalties over the epochs shown",
            },
            items: {
              type: "array",
              items: {
                type: "object",
                required: [
                  "epoch",
                  "status",
                  "slashed",
                  "duty",
                  "sourceHit",
                  "targetHit",
                  "headHit",
                  "effectiveBalanceEth",
                  "balanceGwei",
                  "rewards",
                ],
                properties: {
                  epoch: { type: "integer" },
                  status: { type: "string" },
                  slashed: { type: "boolean" },
                  duty: { type: "boolean" },
                  sourceHit: { type: "boolean" },
                  targetHit: { type: "boolean" },
                  headHit: { type: "boolean" },
                  effectiveBalanceEth: { type: "integer" },
                  balanceGwei: { type: "number" },
                  rewards: {
                    type: "object",
                    required: ["source", "target", "head", "inactivity"],
                    properties: {
                      source: { type: "integer" },
                      target: { type: "integer" },
                      head: { type: "integer" },
                      inactivity: { type: "integer" },
                    },
                  },
                },
              },
            },
          },
        },
        proposals: {
          type: "array",
          description: "The validator's 10 most recent proposer duties",
          items: {
            type: "object",
            required: ["slot", "epoch", "produced"],
            properties: {
              slot: { type: "integer" },
              epoch: { type: "integer" },
              produced: { type: "boolean" },
            },
          },
        },
        slashings: {
          type: "array",
          description: "Slashing operations naming the validator",
          items: {
            type: "object",
            required: ["id", "slot", "epoch", "type"],
            properties: {
              id: { type: "integer" },
              slot: { type: "integer" },
              epoch: { type: "integer" },
              type: { type: "string" },
            },
          },
        },
      },
    },
    ...problemResponses,
  },
} as const;

type ValidatorRow = {
  index: number;
  pubkey: Buffer;
  withdrawal_credentials: Buffer;
  status: string;
  slashed: boolean;
  activation_eligibility_epoch: number | null;
  activation_epoch: number | null;
  exit_epoch: number | null;
  withdrawable_epoch: number | null;
  effective_balance_gwei: string;
  updated_epoch: number;
  operator_id: string | null;
  operator_name: string | null;
  pool_id: string | null;
};

/** GET /v1/validators/:index */
export function getValidator(app: FastifyInstance, { pool }: ApiContext): void {
  app.get<RouteTypes<typeof schema>>("/v1/validators/:index", { schema }, async (request) => {
    const { index } = request.params;
    const [validator, epochs, proposals, slashings] = await Promise.all([
      pool.query<ValidatorRow>(
        `SELECT v.*, o.name AS operator_name, o.pool_id FROM validator v LEFT JOIN operator o ON o.id = v.operator_id WHERE v.index = $1`,
        [index],
      ),
      loadValidatorEpochs({ pool, index, epochs: request.query.epochs ?? 10 }),
      pool.query<{ slot: number; epoch: number; produced: boolean }>(
        `SELECT slot, epoch, produced FROM proposal WHERE proposer_index = $1 ORDER BY slot DESC LIMIT 10`,
        [index],
      ),
      pool.query<{ id: number; slot: number; epoch: number; type: string }>(
        `SELECT id, slot, epoch, type FROM slashing WHERE offending_indices @> ARRAY[$1::int] ORDER BY epoch, id`,
        [index],
      ),
    ]);
    const v = validator.rows[0];
    if (!v) throw new ApiError("not-found", `No validator with index ${index} is stored`);
    return {
      index: v.index,
      pubkey: `0x${v.pubkey.toString("hex")}`,
      withdrawalCredentials: `0x${v.withdrawal_credentials.toString("hex")}`,
      status: v.status,
      slashed: v.slashed,
      activationEligibilityEpoch: v.activation_eligibility_epoch,
      activationEpoch: v.activation_epoch,
      exitEpoch: v.exit_epoch,
      withdrawableEpoch: v.withdrawable_epoch,
      effectiveBalanceGwei: Number(v.effective_balance_gwei),
      updatedEpoch: v.updated_epoch,
      operator:
        v.operator_id === null
          ? null
          : { id: v.operator_id, name: v.operator_name ?? v.operator_id, poolId: v.pool_id },
      performance: {
        epochs: epochs.length,
        dutyEpochs: epochs.filter((e) => e.duty).length,
        sourceHits: epochs.filter((e) => e.sourceHit).length,
        targetHits: epochs.filter((e) => e.targetHit).length,
        headHits: epochs.filter((e) => e.headHit).length,
        rewardsGwei: epochs.reduce(
          (sum, e) =>
            sum + e.rewards.source + e.rewards.target + e.rewards.head + e.rewards.inactivity,
          0,
        ),
        items: epochs,
      },
      proposals: proposals.rows,
      slashings: slashings.rows,
    };
  });
}
