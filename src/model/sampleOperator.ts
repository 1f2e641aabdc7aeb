import { PROFILES, type OperatorProfile } from "./calibration.js";
import { pickClient } from "./simulateNetwork.js";
import type { Random } from "./random.js";

/** The latent traits of a simulated operator; none of them is visible to the features. */
export type SimulatedOperator = {
  operatorId: string;
  profile: OperatorProfile;
  validators: number;
  /** Operational badness z ~ N(0,1): scales every failure hazard (log-linearly). */
  badness: number;
  client: number;
  remoteSigner: boolean;
  /** Years the operator ran before the simulated timeline (its slashing history). */
  ageYears: number;
};

export type SampleOperatorParameters = {
  rng: Random;
  operatorId: string;
  profile?: OperatorProfile;
};

/**
 * Draws an operator. Sizes follow the shapes seen in the data: solo stakers 1–4 validators;
 * community operators like the CSM frame (30% with 1, up to 12 with a heap at the 12 cap);
 * professional operators log-uniform 50–8,000 (Lido curated operators run thousands).
 */
export function sampleOperator({
  rng,
  operatorId,
  profile,
}: SampleOperatorParameters): SimulatedOperator {
  const p = profile ?? pickProfile(rng);
  let validators: number;
  if (p === "solo") validators = 1 + Math.min(3, rng.poisson(0.5));
  else if (p === "community")
    validators = rng.float() < 0.3 ? 1 : rng.float() < 0.55 ? 12 : 2 + rng.int(10);
  else validators = Math.round(Math.exp(Math.log(50) + rng.float() * Math.log(8000 / 50)));
  return {
    operatorId,
    profile: p,
    validators,
    badness: rng.normal(),
    client: pickClient(rng),
    remoteSigner: rng.float() < PROFILES[p].remoteSignerShare,
    ageYears: rng.float() * 3,
  };
}

function pickProfile(rng: Random): OperatorProfile {
  const u = rng.float();
  if (u < PROFILES.solo.share) return "solo";
  if (u < PROFILES.solo.share + PROFILES.community.share) return "community";
  return "professional";
}
