import { type ArchetypeName, archetypeOperators } from "./archetypeOperators.js";
import { ModelError } from "./errors.js";

export type ArchetypeGateParameters = {
  /** The model's probabilities for rows of raw feature values. */
  predict: (x: number[][]) => ArrayLike<number>;
  /** Raw feature rows of the training population, for the percentile the offline operators must pass. */
  population: readonly (readonly number[])[];
};

export type ArchetypeCheck = { rule: string; passes: boolean };

export type ArchetypeGateReturnType = {
  archetypes: { name: ArchetypeName; description: string; score: number }[];
  /** The model's 95th-percentile score over the training population. */
  populationP95: number;
  checks: ArchetypeCheck[];
  passes: boolean;
};

/** The percentile of the training population an operator offline for a week or more must score above. */
export const ARCHETYPE_POPULATION_PERCENTILE = 0.95;

/**
 * The archetype gate of the shipping rule: orderings any risk team expects whatever the AUROC.
 * An operator offline for a week or a month is among the riskiest 5% of the population; a week
 * offline is worse than a day, a day worse than healthy; one missed attestation of a solo
 * validator is not an outage. The ofv2 MLP scored a month offline (0.002) under healthy (0.007):
 * it read latency (ofv2 counted late heads per duty), and an offline operator has no heads at all.
 */
export function archetypeGate({
  predict,
  population,
}: ArchetypeGateParameters): ArchetypeGateReturnType {
  if (population.length === 0)
    throw new ModelError("MODEL_TRAINING_DATA", "The archetype gate needs a training population", {
      train: 0,
    });
  const operators = archetypeOperators();
  const scores = Array.from(predict(operators.map((a) => a.features)));
  const archetypes = operators.map((a, i) => ({
    name: a.name,
    description: a.description,
    score: scores[i],
  }));
  const score = (name: ArchetypeName) =>
    archetypes.find((a) => a.name === name)?.score ?? Number.NaN;
  const sorted = Array.from(predict(population.map((r) => [...r]))).sort((a, b) => a - b);
  const populationP95 =
    sorted[
      Math.min(sorted.length - 1, Math.floor(ARCHETYPE_POPULATION_PERCENTILE * sorted.length))
    ];
  const above = (a: ArchetypeName, b: ArchetypeName) => ({
    rule: `${a} > ${b}`,
    passes: score(a) > score(b),
  });
  const checks: ArchetypeCheck[] = [
    { rule: "offline_30d > population p95", passes: score("offline_30d") > populationP95 },
    { rule: "offline_7d > population p95", passes: score("offline_7d") > populationP95 },
    above("offline_7d", "offline_1d"),
    above("offline_1d", "healthy"),
    above("offline_30d", "healthy"),
    above("offline_1d", "lone_miss"),
  ];
  return {
    archetypes,
    populationP95,
    checks,
    passes: checks.every((c) => c.passes),
  };
}
