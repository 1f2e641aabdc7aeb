import { createRandom, type Random } from "./random.js";

/** Any constant ≠ 0: it only has to keep this stream apart from the main one of the same seed. */
const VALIDATOR_STREAM = 0x5eed_c5a1;

/**
 * The stream that picks which validators miss, seeded from the population's seed but apart from
 * its main stream: per-validator duties were added without moving any aggregate the main stream
 * draws, so every other feature, label and weight of a seed stayed what it was.
 */
export function createValidatorStream(seed: number): Random {
  return createRandom(seed ^ VALIDATOR_STREAM);
}
