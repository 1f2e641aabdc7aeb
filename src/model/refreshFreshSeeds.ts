import type { ArchetypeGateReturnType } from "./archetypeGate.js";
import type { FreshSeedResult } from "./evaluateFreshSeeds.js";
import type { ModelCard } from "./modelCard.js";

export type RefreshFreshSeedsParameters = {
  /** The shipped model's card as it stands. */
  previous: ModelCard;
  /** The shipped model's reference operator, for a card written before it recorded one. */
  contributionBaseline: readonly number[];
  /** The shipped model measured again on the fresh seeds. */
  freshSeeds: FreshSeedResult[];
  /** The command that re-measured them. */
  reproduce: string;
  /** The shipped model's archetype gate, measured again. */
  archetypes: ArchetypeGateReturnType;
};

/** A shipped model's card with new fresh-seed and archetype measures and the verdict they give; the model is unchanged. */
export function refreshFreshSeeds({
  previous,
  contributionBaseline,
  freshSeeds,
  reproduce,
  archetypes,
}: RefreshFreshSeedsParameters): ModelCard {
  return {
    ...previous,
    excludedFeatures: previous.excludedFeatures ?? [],
    contributionBaseline: previous.contributionBaseline ?? [...contributionBaseline],
    fresh_seeds: freshSeeds,
    beatsBestSingleFeature: freshSeeds.every((f) => f.model_auroc > f.best_single_feature_auroc),
    freshSeedsReproduce: reproduce,
    archetypes,
  };
}
