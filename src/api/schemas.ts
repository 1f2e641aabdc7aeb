/** JSON schema pieces shared by several routes (each route's schema is assembled from them). */

export const limitSchema = {
  type: "integer",
  minimum: 1,
  maximum: 500,
  default: 50,
  description: "Items per page (1..500)",
} as const;
export const cursorSchema = {
  type: "string",
  minLength: 1,
  maxLength: 512,
  description: "`nextCursor` of the previous page; omit for the first page",
} as const;
export const epochSchema = { type: "integer", minimum: 0, maximum: 2_147_483_647 } as const;
/** `:id` of the report routes. */
export const reportIdParamsSchema = {
  type: "object",
  required: ["id"],
  properties: { id: { ...epochSchema, description: "Report id" } },
} as const;
/** No control characters: PostgreSQL text cannot hold NUL, and no real id has any. */
export const operatorIdSchema = {
  type: "string",
  minLength: 1,
  maxLength: 256,
  pattern: "^[^\\u0000-\\u001f\\u007f]+$",
  description: "Operator id",
} as const;
export const nextCursorSchema = {
  type: ["string", "null"],
  description: "Pass as `cursor` for the next page; null on the last page",
} as const;
export const timestampSchema = { type: ["string", "null"], format: "date-time" } as const;

/** Fields every listing answers with (keysetPage); a route may put its own fields before them. */
export const pageRequired = ["total", "limit", "nextCursor", "items"] as const;

/** The properties of a page of `items`; `total` counts the matches on all pages. */
export function pageProperties<const Item>(items: Item, totalDescription: string) {
  return {
    total: { type: "integer", description: totalDescription },
    limit: { type: "integer" },
    nextCursor: nextCursorSchema,
    items: { type: "array", items },
  } as const;
}

/** Feature vector of a score: values in the order of the feature version's names. */
export const featuresSchema = {
  type: "object",
  required: ["version", "names", "values"],
  properties: {
    version: { type: "string" },
    names: {
      type: ["array", "null"],
      items: { type: "string" },
      description: "null when the version is not the one this server knows",
    },
    values: { type: "array", items: { type: "number" } },
  },
} as const;

/** A pool's (LST/LRT) score at one epoch: the stake-weighted mean of its operators' expected losses. */
export const poolScoreSchema = {
  type: ["object", "null"],
  description: "The pool's newest score; null when it was never scored",
  required: [
    "epoch",
    "scoreBps",
    "grade",
    "tailStakeBps",
    "worstOperatorId",
    "operators",
    "stakeGwei",
    "modelSha256",
  ],
  properties: {
    epoch: { type: "integer" },
    scoreBps: {
      type: "integer",
      description:
        "Stake-weighted mean of the operators' expected 30-day shortfall, bp of the pool's stake",
    },
    grade: {
      type: "string",
      description: "Band of the stake-weighted mean probability of a severe loss",
    },
    tailStakeBps: {
      type: "integer",
      description:
        "Share of the pool's stake (bps) behind operators at or above the risk threshold",
    },
    worstOperatorId: { type: ["string", "null"] },
    operators: { type: "integer" },
    stakeGwei: { type: "number" },
    modelSha256: { type: "string" },
  },
} as const;
