import { FEATURE_NAMES, FEATURE_VERSION } from "../features/index.js";

/** How many drivers and changes an answer lists (largest absolute contribution first). */
export const TOP_DRIVERS = 5;

const driverList = {
  type: "array",
  items: {
    type: "object",
    required: ["feature", "logit"],
    properties: { feature: { type: "string" }, logit: { type: "number" } },
  },
} as const;

export const explanationSchema = {
  type: ["object", "null"],
  description:
    "Per-feature contributions to the model's logit from its reference operator (exact for a logistic model); null for scores stored without them",
  required: ["topDrivers", "sincePrevious"],
  properties: {
    topDrivers: driverList,
    sincePrevious: {
      type: ["object", "null"],
      description:
        "What moved since the operator's previous score: the change of each contribution",
      required: ["epoch", "scoreBpsChange", "changes"],
      properties: {
        epoch: { type: "integer" },
        scoreBpsChange: { type: "integer" },
        changes: driverList,
      },
    },
  },
} as const;

export const lossSchema = {
  type: ["object", "null"],
  description:
    "Expected 30-day shortfall (bp), slashing incidents per operator-year, expected 30-day loss (ETH per 32 ETH and bp) and stressed losses (docs/model.md)",
  additionalProperties: true,
} as const;

export type ExplainScoreParameters = {
  featureVersion: string;
  scoreBps: number;
  contributions: readonly number[] | null;
  previous: { epoch: number; scoreBps: number; contributions: readonly number[] | null } | null;
};

export type ExplainScoreReturnType = {
  topDrivers: { feature: string; logit: number }[];
  sincePrevious: {
    epoch: number;
    scoreBpsChange: number;
    changes: { feature: string; logit: number }[];
  } | null;
} | null;

/** The top drivers of a stored score and what changed since the previous one. */
export function explainScore({
  featureVersion,
  scoreBps,
  contributions,
  previous,
}: ExplainScoreParameters): ExplainScoreReturnType {
  if (
    !contributions ||
    featureVersion !== FEATURE_VERSION ||
    contributions.length !== FEATURE_NAMES.length
  )
    return null;
  const top = (values: readonly number[]) =>
    values
      .map((logit, i) => ({ feature: FEATURE_NAMES[i], logit }))
      .filter((d) => d.logit !== 0)
      .sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit) || a.feature.localeCompare(b.feature))
      .slice(0, TOP_DRIVERS);
  const prev = previous?.contributions;
  return {
    topDrivers: top(contributions),
    sincePrevious:
      previous && prev && prev.length === contributions.length
        ? {
            epoch: previous.epoch,
            scoreBpsChange: scoreBps - previous.scoreBps,
            changes: top(contributions.map((c, i) => c - prev[i])),
          }
        : null,
  };
}
